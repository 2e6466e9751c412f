package vn.dancham.calls;

import java.time.Instant;

/**
 * A caller asked for the leader on duty and did not reach anyone (busy, no answer, or nobody on duty).
 *
 * @param reason BUSY, NO_ANSWER, NOBODY_ON_DUTY or FAILED
 */
public record LeaderCallMissed(long callId, Long officeId, Long adminUnitId, String callerNumber, Instant at,
                               String reason) {
}
