package vn.dancham.citizen.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How citizens really answer an invitation "reply 5 4 5", and what is refused rather than guessed. */
class ReplyReaderTest {

    @ParameterizedTest(name = "[{index}] «{0}» is 5 4 5")
    @ValueSource(strings = {
            "5 4 5",
            "545",
            "5,4,5",
            "5, 4, 5",
            "5-4-5",
            "5.4.5",
            "5/4/5",
            "  5   4 5  ",
            "5\n4\n5",
            "５ ４ ５",                          // full-width digits from a CJK keyboard
            "Năm bốn năm",
            "nam bon nam",
            "NĂM, TƯ, LĂM",
            "5 4 5 cam on",
            "Cảm ơn, tôi chấm 5 4 5 ạ",
            "DG 5 4 5",
            "5 điểm, 4 điểm, 5 điểm",
            "Rất hài lòng: 5 4 5",               // "hài" is not read as two when there are digits
            "5 4 5.",
            "Tra loi: 5;4;5",
    })
    void realisticRepliesReadAsTheThreeAnswers(String body) {
        assertThat(ReplyReader.read(body, 3)).isEqualTo(new CitizenReply.Answers(List.of(5, 4, 5), Optional.empty()));
    }

    @Test
    void otherValuesAndWordsReadInOrder() {
        assertThat(ReplyReader.read("một hai ba", 3)).isEqualTo(answers(1, 2, 3));
        assertThat(ReplyReader.read("ba ba bon", 3)).isEqualTo(answers(3, 3, 4));
        assertThat(ReplyReader.read("4", 1)).isEqualTo(answers(4));
        assertThat(ReplyReader.read("5 5", 2)).isEqualTo(answers(5, 5));
    }

    @Test
    void aReceiptNumberNamesTheDossier() {
        assertThat(ReplyReader.read("2026112200123 5 4 5", 3))
                .isEqualTo(new CitizenReply.Answers(List.of(5, 4, 5), Optional.of("2026112200123")));
        assertThat(ReplyReader.read("HS 123456: 3, 3, 4", 3))
                .isEqualTo(new CitizenReply.Answers(List.of(3, 3, 4), Optional.of("123456")));
    }

    @ParameterizedTest(name = "[{index}] «{0}» asks for the status")
    @ValueSource(strings = {"HS 2026112200123", "hs2026112200123", "Hs: 2026112200123", "Hồ sơ 2026112200123",
            "tra cuu 2026112200123"})
    void statusRequests(String body) {
        assertThat(ReplyReader.read(body, 3)).isEqualTo(new CitizenReply.Status("2026112200123"));
    }

    @ParameterizedTest(name = "[{index}] «{0}» opts out")
    @ValueSource(strings = {"TC", "tc", " Tc. ", "STOP", "stop", "Từ chối", "tu choi", "HUY"})
    void optOuts(String body) {
        assertThat(ReplyReader.read(body, 3)).isEqualTo(new CitizenReply.OptOut());
    }

    @ParameterizedTest(name = "[{index}] «{0}» is refused")
    @ValueSource(strings = {"", "   ", "ok", "cam on", "6 7 8", "5 4", "5 4 5 3", "0 0 0", "5 4 x", "5545",
            "hello", "55 44 55", "9", "HS", "1234567", "123456 654321 5 4 5", "rất hài lòng"})
    void junkIsRefusedNotGuessed(String body) {
        assertThat(ReplyReader.read(body, 3)).isEqualTo(new CitizenReply.Unclear());
    }

    @Test
    void nothingIsReadWhenNoQuestionIsAsked() {
        assertThat(ReplyReader.read("5 4 5", 0)).isEqualTo(new CitizenReply.Unclear());
        assertThat(ReplyReader.read(null, 3)).isEqualTo(new CitizenReply.Unclear());
    }

    private static CitizenReply answers(Integer... values) {
        return new CitizenReply.Answers(List.of(values), Optional.empty());
    }
}
