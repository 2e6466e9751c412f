package vn.dancham.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiacriticsTest {

    @Test
    void vietnameseLosesItsMarksAndDBecomesD() {
        assertThat(Diacritics.strip("Dân Chấm: Đặng Thị Hướng, huyện Gio Linh")).isEqualTo("Dan Cham: Dang Thi Huong, huyen Gio Linh");
        assertThat(Diacritics.strip("ỨNG DỤNG đường dây nóng")).isEqualTo("UNG DUNG duong day nong");
    }

    @Test
    void composedAndDecomposedInputGiveTheSameText() {
        String composed = "Nguyễn";
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
        assertThat(Diacritics.strip(decomposed)).isEqualTo(Diacritics.strip(composed)).isEqualTo("Nguyen");
    }

    @Test
    void plainTextIsUnchanged() {
        assertThat(Diacritics.strip("OK AB12 5 4 5")).isEqualTo("OK AB12 5 4 5");
    }
}
