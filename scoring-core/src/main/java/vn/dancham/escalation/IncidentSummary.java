package vn.dancham.escalation;

import vn.dancham.text.StoredText;

import java.time.Instant;

/**
 * One incident as a list shows it.
 *
 * @param level       the highest roster level notified in the current round (0 = nobody yet)
 * @param round       0 for the first pass through the chain, 1 for the first repeat, …
 * @param nextStepAt  when escalation looks at it next (null when it is not escalating)
 * @param title       the title as words, for incidents opened before titles were stored as codes ({@code titleText}
 *                    null); empty for newer ones
 * @param summary     what the alert SMS says about it, in Vietnamese (the SMS's own words)
 * @param titleText   the title as a message code and arguments, rendered in the reader's language; null for old rows
 * @param summaryText the summary as a message code and arguments for pages; null for old rows (show {@code summary})
 */
public record IncidentSummary(long id, String code, IncidentKind kind, Severity severity, IncidentState state,
                              String subjectType, long subjectId, Long officeId, long adminUnitId, String title,
                              String summary, int level, int round, int occurrences, Instant openedAt,
                              Instant lastOccurredAt, Instant nextStepAt, Instant acknowledgedAt,
                              String acknowledgedBy, Instant resolvedAt, String resolutionNote,
                              StoredText titleText, StoredText summaryText) {
}
