package vn.dancham.escalation;

/** What happened; with the subject it decides deduplication (one open incident per subject and kind). */
public enum IncidentKind {
    HARASSMENT_REPORT, LOWEST_ATTITUDE, LOW_SCORE, SCORE_DROP, MISSED_LEADER_CALL, COMPLAINT_OVERDUE,
    LEADER_CALLS_UNANSWERED
}
