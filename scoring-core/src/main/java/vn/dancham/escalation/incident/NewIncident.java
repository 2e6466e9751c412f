package vn.dancham.escalation.incident;

import vn.dancham.escalation.IncidentKind;
import vn.dancham.escalation.Severity;
import vn.dancham.text.StoredText;

import java.time.Instant;
import java.util.Map;

/**
 * An incident to open (or to add to, when one is open for the same subject and kind).
 *
 * @param title          what the incident is, for pages (a message code and arguments)
 * @param smsSummary     the facts as the alert SMS states them, in Vietnamese, e.g. "phản ánh vòi vĩnh tại …, 14:05"
 * @param summary        the same facts for pages, as a message code and arguments
 * @param facts          key facts for the web page shown as they are (receipt number, masked caller, score, …)
 * @param wordedFacts    key facts for the web page in words (who was rung, the concern's detail, the period)
 * @param timelineDetail what the OPENED (or REPEATED) timeline entry says
 */
record NewIncident(IncidentKind kind, Severity severity, String subjectType, long subjectId, Long officeId,
                   long adminUnitId, StoredText title, String smsSummary, StoredText summary, Map<String, String> facts,
                   Map<String, StoredText> wordedFacts, Instant at, StoredText timelineDetail) {
}
