package vn.dancham.escalation;

import java.time.Instant;

/**
 * One incident as a list shows it.
 *
 * @param level       the highest roster level notified in the current round (0 = nobody yet)
 * @param round       0 for the first pass through the chain, 1 for the first repeat, …
 * @param nextStepAt  when escalation looks at it next (null when it is not escalating)
 */
public record IncidentSummary(long id, String code, IncidentKind kind, Severity severity, IncidentState state,
                              String subjectType, long subjectId, Long officeId, long adminUnitId, String title,
                              String summary, int level, int round, int occurrences, Instant openedAt,
                              Instant lastOccurredAt, Instant nextStepAt, Instant acknowledgedAt,
                              String acknowledgedBy, Instant resolvedAt, String resolutionNote) {
}
