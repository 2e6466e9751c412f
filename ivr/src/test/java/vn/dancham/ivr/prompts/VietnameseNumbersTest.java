package vn.dancham.ivr.prompts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VietnameseNumbersTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0       | không
            1       | một
            4       | bốn
            5       | năm
            10      | mười
            11      | mười một
            14      | mười bốn
            15      | mười lăm
            20      | hai mươi
            21      | hai mươi mốt
            24      | hai mươi tư
            25      | hai mươi lăm
            31      | ba mươi mốt
            99      | chín mươi chín
            100     | một trăm
            101     | một trăm linh một
            104     | một trăm linh bốn
            105     | một trăm linh năm
            110     | một trăm mười
            115     | một trăm mười lăm
            121     | một trăm hai mươi mốt
            1000    | một nghìn
            1005    | một nghìn không trăm linh năm
            1024    | một nghìn không trăm hai mươi tư
            2026    | hai nghìn không trăm hai mươi sáu
            10500   | mười nghìn năm trăm
            250000  | hai trăm năm mươi nghìn
            1000005 | một triệu không trăm linh năm
            1000500 | một triệu năm trăm
            3000000000 | ba tỷ
            2500000001 | hai tỷ năm trăm triệu không trăm linh một
            """)
    void readsNumbers(long n, String expected) {
        assertThat(VietnameseNumbers.text(VietnameseNumbers.number(n))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-25 | ngày hai mươi lăm tháng mười một năm hai nghìn không trăm hai mươi sáu
            2026-04-01 | ngày một tháng tư năm hai nghìn không trăm hai mươi sáu
            2025-12-31 | ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi lăm
            2024-02-14 | ngày mười bốn tháng hai năm hai nghìn không trăm hai mươi tư
            2000-01-05 | ngày năm tháng một năm hai nghìn
            """)
    void readsDates(LocalDate date, String expected) {
        assertThat(VietnameseNumbers.text(VietnameseNumbers.date(date))).isEqualTo(expected);
    }

    @Test
    void readsReceiptNumbersDigitByDigit() {
        assertThat(VietnameseNumbers.text(VietnameseNumbers.digits("2026001524")))
                .isEqualTo("hai không hai sáu không không một năm hai bốn");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> VietnameseNumbers.number(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VietnameseNumbers.digits("12a")).isInstanceOf(IllegalArgumentException.class);
    }
}
