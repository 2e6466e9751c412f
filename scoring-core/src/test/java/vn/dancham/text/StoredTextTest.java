package vn.dancham.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredTextTest {

    private static final Map<String, String> EN = Map.of(
            "incident.tries", "{0}",
            "incident.try", "level {0} {1}: {2}",
            "incident.reason.BUSY", "line busy",
            "incident.reason.NO_ANSWER", "no answer");

    private static String english(StoredText t) {
        return t.render((code, args) -> new java.text.MessageFormat(EN.get(code)).format(args));
    }

    @Test
    void nestedCodesRenderAsWordsAndListsJoinWithSemicolons() {
        StoredText tries = StoredText.of("incident.tries", List.of(
                StoredText.of("incident.try", 1, "Lê Văn An", StoredText.word("incident.reason", "NO_ANSWER")),
                StoredText.of("incident.try", 2, "Trần Thị Bình, Hồ Văn Cường", StoredText.word("incident.reason", "BUSY"))));

        assertThat(english(tries)).isEqualTo(
                "level 1 Lê Văn An: no answer; level 2 Trần Thị Bình, Hồ Văn Cường: line busy");
    }

    @Test
    void survivesTheRoundTripThroughTheDatabaseJson() {
        StoredText t = StoredText.of("incident.event.sms", StoredText.of("incident.event.sms.delivered", "An (***456)"),
                "", StoredText.of("incident.event.sms.due", "14:05"));
        StoredText list = StoredText.of("incident.tries", List.of(StoredText.word("incident.reason", "BUSY")));
        StoredText quoted = StoredText.of("x", "say \"hi\"\n\\ «ổn»", 12, null);

        assertThat(StoredText.fromJson(t.toJson())).isEqualTo(t);
        assertThat(StoredText.fromJson(list.toJson())).isEqualTo(list);
        assertThat(StoredText.fromJson(quoted.toJson())).isEqualTo(quoted);
        assertThat(quoted.args()).containsExactly("say \"hi\"\n\\ «ổn»", "12", "");
        assertThat(StoredText.fromJson(null)).isNull();
    }

    @Test
    void aTextWithoutACodeOrWithAnArgumentOfAnotherKindCannotExist() {
        assertThatThrownBy(() -> StoredText.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredText("x", List.of(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredText("x", List.of(List.of("a")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smsWordsSayTheMissedCallReasonsAndTheWeekInVietnamese() {
        assertThat(SmsWords.say(StoredText.word("incident.reason", "BUSY"))).isEqualTo("máy bận");
        assertThat(SmsWords.say(StoredText.word("incident.reason", "OTHER"))).isEqualTo("không kết nối được");
        assertThat(SmsWords.say(StoredText.of("incident.period.isoWeek", 48, 2026, "23/11", "29/11")))
                .isEqualTo("tuần 48/2026 (23/11–29/11)");
        assertThat(SmsWords.say(StoredText.of("incident.sms.LOW_SCORE", "An 49/100 (n=42, 30 ngày)")))
                .isEqualTo("điểm thấp An 49/100 (n=42, 30 ngày)");
    }
}
