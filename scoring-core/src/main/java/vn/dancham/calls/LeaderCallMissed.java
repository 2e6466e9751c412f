package vn.dancham.calls;

import java.time.Instant;
import java.util.List;

/**
 * A caller asked for the leader on duty and did not reach anyone (busy, no answer, or nobody on duty).
 *
 * @param reason BUSY, NO_ANSWER, NOBODY_ON_DUTY or FAILED: how the last try ended
 * @param tries  each level rung while the caller waited, in order (empty when nobody was on duty)
 */
public record LeaderCallMissed(long callId, Long officeId, Long adminUnitId, String callerNumber, Instant at,
                               String reason, List<Try> tries) {

    public LeaderCallMissed {
        tries = tries == null ? List.of() : List.copyOf(tries);
    }

    public LeaderCallMissed(long callId, Long officeId, Long adminUnitId, String callerNumber, Instant at,
                            String reason) {
        this(callId, officeId, adminUnitId, callerNumber, at, reason, List.of());
    }

    /**
     * One try of the leader chain: the people on duty at one level rung together.
     *
     * @param people their names, as the roster has them
     * @param reason BUSY, NO_ANSWER or FAILED
     */
    public record Try(int level, List<String> people, String reason) {

        public Try {
            people = people == null ? List.of() : List.copyOf(people);
        }
    }
}
