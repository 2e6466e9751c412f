package vn.dancham.feedback.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WordFilterTest {

    private static final List<String> LIST = List.of("lồn", "đồ chó", "đm", "cặc", "vcl");

    @Test
    void findsAListedWordWrittenWithOrWithoutAccentsInAnyCase() {
        assertThat(WordFilter.found("Cán bộ này là ĐỒ CHÓ", LIST)).containsExactly("đồ chó");
        assertThat(WordFilter.found("can bo nay la do cho", LIST)).containsExactly("đồ chó");
        assertThat(WordFilter.found("dm cai thu tuc", LIST)).containsExactly("đm");
        assertThat(WordFilter.found("Thủ tục gì mà vcl!", LIST)).containsExactly("vcl");
    }

    @Test
    void aWordWithOtherAccentsIsAnotherWord() {
        // "các" (the plural marker) is in nearly every sentence; only "cặc" or an unaccented "cac" is the insult.
        assertThat(WordFilter.found("Các giấy tờ đã nộp đủ, đồ đạc mang theo", LIST)).isEmpty();
        assertThat(WordFilter.found("nop cac giay to", LIST)).containsExactly("cặc");
    }

    @Test
    void matchesOnWordBoundariesOnly() {
        // "đm" inside "ađm" or "đmx" is not the word; a phrase must be whole, in order.
        assertThat(WordFilter.found("ađm đmx chó đồ", LIST)).isEmpty();
        assertThat(WordFilter.found("đồ\n chó", LIST)).containsExactly("đồ chó");
        assertThat(WordFilter.found("đ.m", List.of("đm"))).isEmpty();
    }

    @Test
    void decomposedTextFromSomeKeyboardsMatchesToo() {
        String decomposed = java.text.Normalizer.normalize("lồn", java.text.Normalizer.Form.NFD);
        assertThat(WordFilter.found("đồ " + decomposed, LIST)).containsExactly("lồn");
    }

    @Test
    void aCleanOrEmptyTextFindsNothing() {
        assertThat(WordFilter.found("Hồ sơ của tôi bị trễ hạn 5 ngày, mong được giải quyết.", LIST)).isEmpty();
        assertThat(WordFilter.found("", LIST)).isEmpty();
        assertThat(WordFilter.found(null, LIST)).isEmpty();
    }
}
