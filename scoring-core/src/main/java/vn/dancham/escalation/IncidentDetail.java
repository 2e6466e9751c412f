package vn.dancham.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An incident with its facts, its timeline (oldest first) and every SMS about it (oldest first). */
public record IncidentDetail(IncidentSummary incident, Map<String, String> facts, List<TimelineEntry> timeline,
                             List<SmsView> messages) {

    public record TimelineEntry(Instant at, String kind, String actor, String detail) {
    }

    /**
     * Its SMS that the provider has not taken although they were tried (an outage, 429s, no answer): while any is
     * left, the incident's next step is not counting down and the page says so loudly.
     */
    public List<SmsView> stuckMessages() {
        return messages.stream().filter(SmsView::stuck).toList();
    }

    /** Whether the incident waits for its current step's SMS to leave before its wait starts. */
    public boolean waitingForSmsToLeave() {
        return incident.state() == IncidentState.NOTIFIED && incident.nextStepAt() == null;
    }
}
