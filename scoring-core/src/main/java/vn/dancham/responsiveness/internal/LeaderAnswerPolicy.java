package vn.dancham.responsiveness.internal;

import java.util.Locale;

/**
 * What one ring of a leader counts as: answered, missed, or neither — with the reason, so that an HR officer can say
 * why any call was or was not held against a leader. Plain Java; the figures and the weekly concern rest on it.
 *
 * <ul>
 *   <li>ANSWER: answered.</li>
 *   <li>BUSY, NOANSWER, CHANUNAVAIL (phone off or out of reach), CONGESTION (the leader's side could not take the
 *       call): missed. Being reachable is part of the duty, so a phone that is off counts against it.</li>
 *   <li>DONTCALL, TORTURE (the leader's phone screened the hotline out): missed — the leader's choice.</li>
 *   <li>CANCEL (the citizen hung up before anyone answered): neither. The leader was not given the full ring; how
 *       long it rang before the hang-up is not known (often not at all: the caller gave up while the line was
 *       still connecting), so counting it missed would blame the leader for the caller's choice, and it was plainly
 *       not answered.</li>
 *   <li>A test call (from the web's test-call page): neither. Tests ring nobody and must never move a figure.</li>
 *   <li>Anything else (INVALIDARGS, no status at all): neither. That is the hotline's own fault (its dial string or
 *       its connection to Asterisk), reported by the hotline's health checks, not by the leaders' figures.</li>
 * </ul>
 */
public final class LeaderAnswerPolicy {

    /** How a ring counts. */
    public enum Outcome { ANSWERED, MISSED, NOT_COUNTED }

    /** Why, one per rule above. */
    public enum Reason {
        ANSWERED(Outcome.ANSWERED),
        BUSY(Outcome.MISSED),
        NO_ANSWER(Outcome.MISSED),
        UNREACHABLE(Outcome.MISSED),
        CONGESTION(Outcome.MISSED),
        SCREENED_OUT(Outcome.MISSED),
        CALLER_HUNG_UP(Outcome.NOT_COUNTED),
        TEST_CALL(Outcome.NOT_COUNTED),
        HOTLINE_FAULT(Outcome.NOT_COUNTED);

        private final Outcome outcome;

        Reason(Outcome outcome) {
            this.outcome = outcome;
        }

        public Outcome outcome() {
            return outcome;
        }
    }

    private LeaderAnswerPolicy() {
    }

    /** How a ring with Asterisk's {@code dialStatus} counts; {@code testCall} when it rang during a test call. */
    public static Reason judge(String dialStatus, boolean testCall) {
        if (testCall) {
            return Reason.TEST_CALL;
        }
        String status = dialStatus == null ? "" : dialStatus.strip().toUpperCase(Locale.ROOT);
        return switch (status) {
            case "ANSWER" -> Reason.ANSWERED;
            case "BUSY" -> Reason.BUSY;
            case "NOANSWER" -> Reason.NO_ANSWER;
            case "CHANUNAVAIL" -> Reason.UNREACHABLE;
            case "CONGESTION" -> Reason.CONGESTION;
            case "DONTCALL", "TORTURE" -> Reason.SCREENED_OUT;
            case "CANCEL" -> Reason.CALLER_HUNG_UP;
            default -> Reason.HOTLINE_FAULT;
        };
    }
}
