package vn.dancham.bench.jmh;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import vn.dancham.phone.PhoneNumbers;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What reading a caller's number costs the hotline: {@link PhoneNumbers#normalise} on mobile numbers in the form
 * Asterisk gives ({@code 09…}), a million different ones (so its memo of 50,000 misses, as it does for a hotline's
 * callers), against the baseline of what it did for each of them before it read plain forms itself (issue 16):
 * libphonenumber's parse, its possible-number check and its national form.
 */
@State(Scope.Thread)
public class CallerNumbersBenchmark {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private String[] numbers;
    private int i;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(16);
        numbers = new String[1 << 20];
        for (int k = 0; k < numbers.length; k++) {
            numbers[k] = "09" + String.format("%08d", random.nextInt(100_000_000));
        }
    }

    @Benchmark
    public Optional<String> callerNumber() {
        return PhoneNumbers.normalise(numbers[i++ & (numbers.length - 1)]);
    }

    @Benchmark
    public Optional<String> callerNumberBaseline() throws NumberParseException {
        PhoneNumber n = UTIL.parse(numbers[i++ & (numbers.length - 1)], "VN");
        return UTIL.isPossibleNumber(n) ? Optional.of("0" + UTIL.getNationalSignificantNumber(n)) : Optional.empty();
    }
}
