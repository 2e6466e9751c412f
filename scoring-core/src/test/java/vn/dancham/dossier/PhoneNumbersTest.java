package vn.dancham.dossier;

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
    @ValueSource(strings = {"", "  ", "anonymous", "Unknown", "12", "sip:abc@host"})
    void withheldOrGarbageIsNoNumber(String raw) {
        assertThat(PhoneNumbers.normalise(raw)).isEqualTo(Optional.empty());
    }

    @org.junit.jupiter.api.Test
    void sameNumberInDifferentForms() {
        assertThat(PhoneNumbers.same("+84 912 345 678", "0912345678")).isTrue();
        assertThat(PhoneNumbers.same("0912345679", "0912345678")).isFalse();
        assertThat(PhoneNumbers.same(null, null)).isFalse();
    }
}
