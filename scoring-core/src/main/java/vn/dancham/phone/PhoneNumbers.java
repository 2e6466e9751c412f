package vn.dancham.phone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers, read with Google's libphonenumber in Vietnam's numbering plan: a caller number from Asterisk, an
 * applicant phone a one-stop system sent, a duty leader's number typed in the roster and the {@code From} Twilio
 * posts are the same number in whatever form ({@code +84 912 345 678}, {@code 84912345678}, {@code 0912.345.678},
 * {@code 912345678}, {@code 0084912345678}). The one place numbers are parsed; the forms it gives are
 * {@link #normalise national} (what the dossier and rating tables compare) and {@link #toE164 E.164} (what the
 * roster stores and Twilio sends to).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String REGION = "VN";
    private static final int VIETNAM = 84;
    /**
     * Both forms of the numbers read lately, by the text read: libphonenumber's parse (its regexes and metadata)
     * was 4.5 % of the application's CPU samples under the hotline benchmark (issue 16,
     * bench/results/2026-12-02-cpu-per-call-profile.md), and the same caller number is read at the call's start,
     * again by the rating writer's identity check, and on the caller's next call. A pure function of the text, so a
     * memo cannot be stale; bounded, and maintained on the caller's thread (no pool hop).
     */
    private static final Cache<String, Forms> READ = Caffeine.newBuilder()
            .maximumSize(50_000)
            .executor(Runnable::run)
            .build();

    /**
     * A Vietnamese number already in one of the two forms Asterisk gives on a Vietnamese trunk: {@code 0} or
     * {@code +84}, then a national significant number of 9 or 10 digits that does not start with 0. Read without the
     * library or the memo: a hotline's callers are different numbers as often as not (the memo misses), and the
     * library reads such a number in about 4.8 µs, this pattern in about 0.1 µs (bench/jmh CallerNumbersBenchmark,
     * issue 16). The library reads every such text to the same two forms
     * ({@code PhoneNumbersTest.thePlainFormsReadAsTheLibraryReadsThem}, start by start).
     */
    private static final Pattern PLAIN = Pattern.compile("(?:0|\\+84)([1-9][0-9]{8,9})");

    /** The two forms of a number; both null when it is not a number. */
    record Forms(String national, String e164) {
        static final Forms NONE = new Forms(null, null);
    }

    private PhoneNumbers() {
    }

    /**
     * The number in national format ({@code 0912345678}; a foreign number as {@code +4930123456}, which can never
     * match a Vietnamese applicant phone), or empty when it is withheld, blank or not a phone number.
     */
    public static Optional<String> normalise(String raw) {
        return Optional.ofNullable(forms(raw).national());
    }

    /** True when both are numbers and the same number. */
    public static boolean same(String a, String b) {
        Optional<String> na = normalise(a);
        return na.isPresent() && na.equals(normalise(b));
    }

    /** The number in E.164 ({@code +84912345678}), or empty when it cannot be a phone number. */
    public static Optional<String> toE164(String typed) {
        return Optional.ofNullable(forms(typed).e164());
    }

    private static Forms forms(String raw) {
        if (raw == null) {
            return Forms.NONE;
        }
        Matcher plain = PLAIN.matcher(raw);
        if (plain.matches()) {
            String significant = plain.group(1);
            return new Forms("0" + significant, "+" + VIETNAM + significant);
        }
        return READ.get(raw, PhoneNumbers::read);
    }

    /** Both forms as libphonenumber reads them (package-private: the test holds the plain forms against it). */
    static Forms read(String raw) {
        return parse(raw).map(n -> {
            String e164 = UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
            return new Forms(n.getCountryCode() == VIETNAM ? "0" + UTIL.getNationalSignificantNumber(n) : e164, e164);
        }).orElse(Forms.NONE);
    }

    /** Masks all but the last three digits, for people who must not see a caller's number. */
    public static String masked(String number) {
        if (number == null || number.length() <= 3) {
            return "***";
        }
        return "*".repeat(Math.min(number.length() - 3, 7)) + number.substring(number.length() - 3);
    }

    /**
     * A number that can exist (its length fits its country's plan). "Possible", not "valid": a new mobile prefix
     * the library's metadata does not know yet must still reach its owner. Letters are refused outright: a caller
     * ID such as {@code anonymous} or a SIP URI is no number, even where the library would read letters as a
     * vanity number's keypad digits.
     */
    private static Optional<PhoneNumber> parse(String raw) {
        if (raw == null || raw.isBlank() || raw.chars().anyMatch(Character::isLetter)) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw.strip(), REGION);
            return UTIL.isPossibleNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
