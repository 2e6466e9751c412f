package vn.dancham.escalation.sms;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SendOrderTest {

    @Test
    void someoneWaitingNowGoesFirstACitizenWaitingNextNobodyWaitingLast() {
        assertThat(List.of("ALERT", "WITHDRAWAL", "ONE_TIME_CODE")).allSatisfy(p -> assertThat(SendOrder.rank(p))
                .isZero());
        assertThat(List.of("CITIZEN_REPLY", "APOLOGY")).allSatisfy(p -> assertThat(SendOrder.rank(p)).isEqualTo(1));
        assertThat(List.of("INVITATION", "DIGEST")).allSatisfy(p -> assertThat(SendOrder.rank(p)).isEqualTo(2));
    }

    @Test
    void everyPurposeTheSchemaAllowsIsRankedAndAnUnknownOneGoesLast() {
        // sms_message_purpose_check (V100): a purpose added there must be given a rank here.
        List<String> allowed = List.of("ALERT", "DIGEST", "WITHDRAWAL", "APOLOGY", "INVITATION", "CITIZEN_REPLY",
                "ONE_TIME_CODE");
        assertThat(SendOrder.RANKS.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(allowed);
        assertThat(SendOrder.rank("SOMETHING_NEW")).isEqualTo(SendOrder.RANKS.size());
    }
}
