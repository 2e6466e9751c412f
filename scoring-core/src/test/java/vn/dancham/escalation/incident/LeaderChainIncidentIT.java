package vn.dancham.escalation.incident;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentSummary;

import vn.dancham.text.StoredText;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.escalation.incident.Harness.T0;

/** A missed leader call after the hotline rang the leader chain says on its incident who was tried (issue 13). */
class LeaderChainIncidentIT {

    final Harness h = new Harness(new Harness.RecordingGateway()).withDayRoster();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void theIncidentOfAMissedCallListsEachLevelRung() {
        h.opening.on(new LeaderCallMissed(7, h.org.oneStopOffice(), null, "0905123456", T0, "BUSY", List.of(
                new LeaderCallMissed.Try(1, List.of("Lê Văn An"), "NO_ANSWER"),
                new LeaderCallMissed.Try(2, List.of("Trần Thị Bình", "Hồ Văn Cường"), "BUSY"))));

        IncidentSummary missed = h.incidents.list(IncidentFilter.all()).getFirst();
        // The SMS summary stays one segment (issue 14); who was rung, level by level, is on the incident page.
        assertThat(missed.summary()).matches("cuộc gọi lãnh đạo trực bị nhỡ \\(máy bận\\) tại [^,]+, \\d{2}:\\d{2}")
                .doesNotContain("Lê Văn An");
        // Stored as codes and names; the page words each level and reason in the reader's language.
        assertThat(h.incidents.find(missed.id()).orElseThrow().wordedFacts())
                .containsEntry("tries", StoredText.of("incident.tries", List.of(
                        StoredText.of("incident.try", 1, "Lê Văn An", StoredText.word("incident.reason", "NO_ANSWER")),
                        StoredText.of("incident.try", 2, "Trần Thị Bình, Hồ Văn Cường",
                                StoredText.word("incident.reason", "BUSY")))))
                .containsEntry("reason", StoredText.word("incident.reason", "BUSY"));
    }
}
