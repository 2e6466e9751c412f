package vn.dancham.escalation.roster;

import org.junit.jupiter.api.Test;
import vn.dancham.escalation.PhoneNumbers;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @Test
    void vietnameseNationalAndInternationalFormsBecomeE164() {
        assertThat(PhoneNumbers.toE164("0912 345 678")).contains("+84912345678");
        assertThat(PhoneNumbers.toE164("84912345678")).contains("+84912345678");
        assertThat(PhoneNumbers.toE164("+84 (91) 234-5678")).contains("+84912345678");
        assertThat(PhoneNumbers.toE164("0084912345678")).contains("+84912345678");
        assertThat(PhoneNumbers.toE164("+15005550006")).contains("+15005550006");
    }

    @Test
    void garbageIsNotAPhoneNumber() {
        assertThat(PhoneNumbers.toE164(null)).isEmpty();
        assertThat(PhoneNumbers.toE164("")).isEmpty();
        assertThat(PhoneNumbers.toE164("12ab")).isEmpty();
        assertThat(PhoneNumbers.toE164("0912")).isEmpty();
        assertThat(PhoneNumbers.toE164("+0912345678")).isEmpty();
    }

    @Test
    void maskingKeepsTheLastThreeDigits() {
        assertThat(PhoneNumbers.masked("+84912345678")).isEqualTo("*******678");
        assertThat(PhoneNumbers.masked(null)).isEqualTo("***");
    }
}
