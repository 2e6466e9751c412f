package vn.dancham.escalation;

import vn.dancham.text.StoredText;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An incident with its facts (plain values such as a receipt number; worded ones, such as who was rung, as message
 * codes and arguments), its timeline (oldest first) and every SMS about it (oldest first).
 */
public record IncidentDetail(IncidentSummary incident, Map<String, String> facts, Map<String, StoredText> wordedFacts,
                             List<TimelineEntry> timeline, List<SmsView> messages) {

    /**
     * @param detail     the detail as words, for entries written before details were stored as codes, or what a
     *                   person typed (a resolution note); null when {@code detailText} says it
     * @param detailText the detail as a message code and arguments, rendered in the reader's language
     */
    public record TimelineEntry(Instant at, String kind, String actor, String detail, StoredText detailText) {
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
