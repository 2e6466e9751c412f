package vn.dancham.citizen.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.rating.RatingQuestion;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words the citizen SMS fills in ({status}, {questions}), word for word (they live in
 * {@code citizen-sms.properties}).
 */
class SmsWordsTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant NOW = Instant.parse("2026-11-22T07:05:00Z");
    static final DossierStatus.CurrentStage STAGE = new DossierStatus.CurrentStage("Thẩm định", 3,
            "Phòng Kinh tế - Hạ tầng", null, null, NOW.minusSeconds(3 * 86_400 + 60), NOW);

    static DossierStatus status(long dueIn, Long returnedAgo, String state, DossierStatus.CurrentStage stage,
                                boolean late) {
        return new DossierStatus(1, null, "Cấp giấy phép xây dựng", 2, "Bộ phận Một cửa", null, null,
                NOW.minusSeconds(864_000), NOW.plusSeconds(dueIn),
                returnedAgo == null ? null : NOW.minusSeconds(returnedAgo), state, Optional.ofNullable(stage), late);
    }

    static String words(DossierStatus s) {
        return StatusWords.of(s, NOW, ZONE);
    }

    @Test
    void statusWordsReadAsToday() {
        assertThat(words(status(86_400, null, "PROCESSING", STAGE, false)))
                .isEqualTo("đang ở bước Thẩm định, Phòng Kinh tế - Hạ tầng, 3 ngày; hẹn trả 23/11/2026");
        assertThat(words(status(-90_000, null, "PROCESSING", STAGE, true)))
                .isEqualTo("đang ở bước Thẩm định, Phòng Kinh tế - Hạ tầng, 3 ngày; hẹn trả 21/11/2026, đã trễ 2 ngày");
        assertThat(words(status(86_400, null, "RECEIVED", null, false))).isEqualTo("đã tiếp nhận; hẹn trả 23/11/2026");
        assertThat(words(status(-3_600, null, "RECEIVED", null, true)))
                .isEqualTo("đã tiếp nhận; hẹn trả 22/11/2026, đã trễ 1 ngày");
        assertThat(words(status(86_400, 7_200L, "RETURNED", null, false))).isEqualTo("đã trả ngày 22/11/2026, đúng hạn");
        assertThat(words(status(-86_400, 7_200L, "RETURNED", null, true))).isEqualTo("đã trả ngày 22/11/2026, trễ hạn");
        assertThat(words(status(86_400, null, "WITHDRAWN", null, false))).isEqualTo("đã rút");
    }

    @Test
    void questionWordsReadAsTodayAndAnUnknownCriterionAsItsCode() {
        assertThat(Questions.labels(List.of(new RatingQuestion(1, "ATTITUDE", "ATTITUDE", 1, "a", "a"),
                new RatingQuestion(2, "TIMELINESS", "TIMELINESS", 2, "b", "b"),
                new RatingQuestion(3, "OVERALL", "OVERALL", 3, "c", "c"),
                new RatingQuestion(4, "Q_WAIT", "WAITING", 4, "d", "d")))).isEqualTo("thái độ, đúng hẹn, hài lòng, q_wait");
    }
}
