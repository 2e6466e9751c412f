package vn.dancham.escalation;

/**
 * OPEN (nobody told yet, or nobody on duty), NOTIFIED (an SMS went to someone, escalation running), ACKNOWLEDGED
 * (someone took it; escalation stopped), RESOLVED (closed with a note), UNACKNOWLEDGED (the whole chain was told
 * the configured number of times and nobody took it; still acknowledgeable).
 */
public enum IncidentState {
    OPEN, NOTIFIED, ACKNOWLEDGED, RESOLVED, UNACKNOWLEDGED;

    /** Whether a reply or the web can still acknowledge it. */
    public boolean acknowledgeable() {
        return this == OPEN || this == NOTIFIED || this == UNACKNOWLEDGED;
    }
}
