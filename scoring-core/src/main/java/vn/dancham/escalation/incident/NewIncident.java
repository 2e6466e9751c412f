package vn.dancham.escalation.incident;

import vn.dancham.escalation.IncidentKind;
import vn.dancham.escalation.Severity;

import java.time.Instant;
import java.util.Map;

/**
 * An incident to open (or to add to, when one is open for the same subject and kind).
 *
 * @param summary the facts as the SMS states them, e.g. "phản ánh vòi vĩnh tại …, HS 2026-001234, 14:05"
 * @param facts   key facts for the web page (receipt number, caller, score, …)
 */
record NewIncident(IncidentKind kind, Severity severity, String subjectType, long subjectId, Long officeId,
                   long adminUnitId, String title, String summary, Map<String, String> facts, Instant at,
                   String timelineDetail) {
}
