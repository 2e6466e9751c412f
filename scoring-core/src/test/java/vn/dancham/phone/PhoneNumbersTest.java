package vn.dancham.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "+84912345678, 0912345678",
            "84912345678, 0912345678",
            "0912345678, 0912345678",
            "912345678, 0912345678",
            "'0912.345.678', 0912345678",
            "'+84 912 345 678', 0912345678",
            "0084912345678, 0912345678",
            "02333852123, 02333852123",
            "+4930123456, +4930123456"})
    void normalisesCommonFormsToNationalFormat(String raw, String expected) {
        assertThat(PhoneNumbers.normalise(raw)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "anonymous", "Unknown", "12", "sip:abc@host", "12ab"})
    void withheldOrGarbageIsNoNumber(String raw) {
        assertThat(PhoneNumbers.normalise(raw)).isEqualTo(Optional.empty());
        assertThat(PhoneNumbers.toE164(raw)).isEqualTo(Optional.empty());
    }

    @Test
    void sameNumberInDifferentForms() {
        assertThat(PhoneNumbers.same("+84 912 345 678", "0912345678")).isTrue();
        assertThat(PhoneNumbers.same("0912345679", "0912345678")).isFalse();
        assertThat(PhoneNumbers.same(null, null)).isFalse();
    }

    @Test
    void vietnameseNationalAndInternationalFormsBecomeE164() {
        assertThat(PhoneNumbers.toE164("0912 345 678")).contains("+84912345678");
        assertThat(PhoneNumbers.toE164("84912345678")).contains("+84912345678");
        assertThat(PhoneNumbers.toE164("+84 (91) 234-5678")).contains("+84912345678");
        assertThat(PhoneNumbers.toE164("0084912345678")).contains("+84912345678");
        assertThat(PhoneNumbers.toE164("+15005550006")).contains("+15005550006");
    }

    @Test
    void tooShortOrNoCountryIsNotAPhoneNumber() {
        assertThat(PhoneNumbers.toE164("0912")).isEmpty();
        assertThat(PhoneNumbers.toE164("+0912345678")).isEmpty();
    }

    @Test
    void aNumberReadAgainGivesTheSameFormsAsTheFirstTime() {
        // Both forms come from one memo of what was read: asking for one form first must not change the other.
        assertThat(PhoneNumbers.toE164("+49 30 1234567")).contains("+49301234567");
        assertThat(PhoneNumbers.normalise("+49 30 1234567")).contains("+49301234567");
        assertThat(PhoneNumbers.normalise("0084 912 345 678")).contains("0912345678");
        assertThat(PhoneNumbers.toE164("0084 912 345 678")).contains("+84912345678");
        for (int i = 0; i < 3; i++) {
            assertThat(PhoneNumbers.normalise("anonymous")).isEmpty();
            assertThat(PhoneNumbers.toE164("0912")).isEmpty();
            assertThat(PhoneNumbers.normalise(null)).isEmpty();
            assertThat(PhoneNumbers.normalise("0912.345.678")).contains("0912345678");
        }
    }

    @Test
    void maskingKeepsTheLastThreeDigits() {
        assertThat(PhoneNumbers.masked("+84912345678")).isEqualTo("*******678");
        assertThat(PhoneNumbers.masked(null)).isEqualTo("***");
    }

    /**
     * The plain forms ({@code 0…} and {@code +84…}, 9 or 10 significant digits) are read without libphonenumber:
     * here the library reads each of them, for every four-digit start of the significant number and three tails
     * (zeros, nines, random), and both forms must be what it gives.
     */
    @Test
    void thePlainFormsReadAsTheLibraryReadsThem() {
        var random = new java.util.Random(16);
        int compared = 0;
        for (int start = 1000; start <= 9999; start++) {
            for (int length : new int[] {9, 10}) {
                int tail = length - 4;
                String random6 = String.format("%06d", random.nextInt(1_000_000));
                for (String t : new String[] {"0".repeat(tail), "9".repeat(tail), random6.substring(0, tail)}) {
                    String significant = start + t;
                    for (String raw : new String[] {"0" + significant, "+84" + significant}) {
                        PhoneNumbers.Forms library = PhoneNumbers.read(raw);
                        assertThat(PhoneNumbers.normalise(raw)).as(raw)
                                .isEqualTo(Optional.ofNullable(library.national()));
                        assertThat(PhoneNumbers.toE164(raw)).as(raw)
                                .isEqualTo(Optional.ofNullable(library.e164()));
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(9000 * 2 * 3 * 2);
    }

    /** Texts near the plain forms (a national prefix after +84, a blank, 00, 8 digits) are read by the library. */
    @ParameterizedTest
    @ValueSource(strings = {"+840912345678", "0912345678 ", "00912345678", "091234567", "+8409123456789"})
    void nearPlainFormsAreLeftToTheLibrary(String raw) {
        assertThat(PhoneNumbers.normalise(raw)).isEqualTo(Optional.ofNullable(PhoneNumbers.read(raw).national()));
        assertThat(PhoneNumbers.toE164(raw)).isEqualTo(Optional.ofNullable(PhoneNumbers.read(raw).e164()));
    }
}
