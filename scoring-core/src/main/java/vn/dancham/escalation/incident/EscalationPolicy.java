package vn.dancham.escalation.incident;

import vn.dancham.escalation.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * How an incident of one severity climbs the roster, as a pure function. A round walks up the levels on duty (at
 * most {@code maxLevel}), waiting {@code waitTime} for an acknowledgement after each; levels nobody holds are skipped.
 * The wait is measured from when the leader could read the alert — when the provider took the step's first SMS
 * ({@link #waitStarts}) — never from when it was queued: during a provider outage nobody is escalated past
 * without having been told.
 * After the last level the chain starts again from the lowest level, {@code repeats} more times; then the incident
 * is left UNACKNOWLEDGED. With nobody on duty at all, a round passes without a message and the next one tries again
 * (someone may come on duty). Digest policies (LOW) never escalate: the daily digest handles them.
 */
record EscalationPolicy(Severity severity, Duration waitTime, int maxLevel, int repeats, boolean dailyDigest) {

    EscalationPolicy {
        if (waitTime.isNegative() || waitTime.isZero()) {
            throw new IllegalArgumentException("wait must be positive");
        }
        if (maxLevel < 1 || maxLevel > 9 || repeats < 0) {
            throw new IllegalArgumentException("maxLevel 1..9 and repeats >= 0");
        }
    }

    /** Where an incident stands: the level notified last in round {@code round}; {@code started} after step one. */
    record Progress(int level, int round, boolean started) {
        static final Progress START = new Progress(0, 0, false);
    }

    sealed interface Step {
        /**
         * Tell everyone on duty at {@code level}; the next step is due {@code waitTime} after the provider takes the
         * first of these SMS ({@link #waitStarts}), not before.
         */
        record Notify(int level, int round) implements Step {
        }

        /** Nobody on duty within the policy's levels: a round without a message; look again at {@code nextStepAt}. */
        record NobodyOnDuty(int round, Instant nextStepAt) implements Step {
        }

        /** Every round is spent: the incident becomes UNACKNOWLEDGED. */
        record GiveUp() implements Step {
        }
    }

    /** The next step for an incident that nobody has acknowledged, given the levels on duty right now. */
    Step next(Progress p, NavigableSet<Integer> levelsOnDuty, Instant now) {
        NavigableSet<Integer> levels = new TreeSet<>(levelsOnDuty.headSet(maxLevel, true));
        Instant nextAt = now.plus(waitTime);
        Integer higher = levels.higher(p.level());
        if (higher != null) {
            return new Step.Notify(higher, p.round());
        }
        if (!p.started()) {
            return new Step.NobodyOnDuty(0, nextAt);
        }
        if (p.round() >= repeats) {
            return new Step.GiveUp();
        }
        int round = p.round() + 1;
        return levels.isEmpty() ? new Step.NobodyOnDuty(round, nextAt)
                : new Step.Notify(levels.first(), round);
    }

    /**
     * When the next step is due, now that the provider took (or delivered) an SMS of step {@code smsLevel} /
     * {@code smsRound} at {@code sentAt}; empty when that changes nothing: the SMS belongs to an earlier step (a
     * late one), or the wait of this step already started with another recipient's SMS.
     *
     * @param current    where the incident stands
     * @param currentDue its next step as stored (null: waiting for the step's SMS to leave)
     */
    java.util.Optional<Instant> waitStarts(Progress current, Instant currentDue, int smsLevel, int smsRound,
                                           Instant sentAt) {
        if (currentDue != null || current.level() != smsLevel || current.round() != smsRound) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(sentAt.plus(waitTime));
    }
}
