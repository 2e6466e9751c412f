package vn.dancham.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An incident with its facts, its timeline (oldest first) and every SMS about it (oldest first). */
public record IncidentDetail(IncidentSummary incident, Map<String, String> facts, List<TimelineEntry> timeline,
                             List<SmsView> messages) {

    public record TimelineEntry(Instant at, String kind, String actor, String detail) {
    }
}
