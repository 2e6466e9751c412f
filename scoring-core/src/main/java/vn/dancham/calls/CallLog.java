package vn.dancham.calls;

import java.time.Duration;
import java.time.Instant;

/**
 * The hotline's call log: one row per call with its outcome and last step, and an event per step and key, so HR
 * can see how callers move through the menu and where they give up. Every method is a short insert or update.
 */
public interface CallLog {

    /** Opens the call row (outcome IN_PROGRESS) and returns its id. */
    long started(CallStarted call);

    /**
     * Opens the rows of calls that started at about the same moment, as {@link #started(CallStarted)} does for each,
     * in one statement, and returns their ids in the order given: the hotline writes a call's row only when the call
     * first needs it (or once it has lasted a second), with the rows of every other call waiting then.
     */
    default java.util.List<Long> started(java.util.List<CallStarted> calls) {
        return calls.stream().map(this::started).toList();
    }

    /**
     * Writes calls that ended before their rows were written (a caller who only heard where their dossier is): each
     * row already closed, with its events, as {@link #started(CallStarted)} then {@link #ended(java.util.List)} would,
     * in one statement.
     */
    default void endedUnopened(java.util.List<WholeCall> calls) {
        for (WholeCall c : calls) {
            long id = started(c.call());
            ended(java.util.List.of(new CallEnd(id, c.events(), c.outcome(), c.lastStep(), c.endedAt())));
        }
    }

    /** A call whose row was never written, with everything it logged, for {@link #endedUnopened}. */
    record WholeCall(CallStarted call, java.util.List<Event> events, Outcome outcome, String lastStep,
                     Instant endedAt) {

        public WholeCall {
            if (call == null || outcome == null || endedAt == null) {
                throw new IllegalArgumentException("A whole call has its start, an outcome and a time");
            }
            events = java.util.List.copyOf(events);
        }
    }

    /** Records a step entered, a key pressed, a timeout... and remembers the step as the call's last step. */
    void event(long callId, String step, EventKind kind, String detail);

    /**
     * Records a call's events in the order given, in one statement, and remembers the last STEP among them as the
     * call's last step (the hotline buffers a call's events and writes them at hang-up or when the buffer fills).
     */
    default void events(long callId, java.util.List<Event> events) {
        events.forEach(e -> event(callId, e.step(), e.kind(), e.detail()));
    }

    /** One event of a call as it happened ({@code at}), for {@link #events}. */
    record Event(String step, EventKind kind, String detail, Instant at) {
    }

    /** Closes the call row; a second close is ignored (the first outcome stands). */
    void ended(long callId, Outcome outcome, String lastStep);

    /**
     * Writes a call's last buffered events and closes its row, as {@link #events} then {@link #ended(long, Outcome,
     * String)} would, in one statement and one commit (the hotline's hang-up).
     */
    default void ended(long callId, java.util.List<Event> events, Outcome outcome, String lastStep) {
        events(callId, events);
        ended(callId, outcome, lastStep);
    }

    /**
     * Writes the last events and closes the rows of calls that ended at about the same moment, as
     * {@link #ended(long, java.util.List, Outcome, String)} for each (each row closed as it ended at its own
     * {@link CallEnd#endedAt}), in one statement and one commit: the hotline's node gathers the ends that arrive while
     * it is writing others (a trunk that drops every call at once).
     */
    default void ended(java.util.List<CallEnd> ends) {
        ends.forEach(e -> ended(e.callId(), e.events(), e.outcome(), e.lastStep()));
    }

    /** A call's end with its last buffered events, for {@link #ended(java.util.List)}. */
    record CallEnd(long callId, java.util.List<Event> events, Outcome outcome, String lastStep, Instant endedAt) {

        public CallEnd {
            if (outcome == null || endedAt == null) {
                throw new IllegalArgumentException("A call ends with an outcome, at a time");
            }
            events = java.util.List.copyOf(events);
        }
    }

    /**
     * Closes the call row as it ended at {@code endedAt} (a call that ended while the database was down, its end
     * replayed from the hotline's journal); a second close is ignored.
     */
    void ended(long callId, Outcome outcome, String lastStep, Instant endedAt);

    /**
     * The caller did not reach the leader on duty: records it on the call and publishes {@link LeaderCallMissed}
     * in the same transaction, for the escalation part to act on.
     *
     * @param reason BUSY, NO_ANSWER, NOBODY_ON_DUTY or FAILED
     */
    default LeaderCallMissed leaderCallMissed(long callId, Long officeId, String callerNumber, String reason) {
        return leaderCallMissed(callId, officeId, callerNumber, reason, java.util.List.of());
    }

    /**
     * As {@link #leaderCallMissed(long, Long, String, String)}, with each level the hotline rang while the caller
     * waited (the leader chain), carried on the event so that the incident says who was tried.
     */
    LeaderCallMissed leaderCallMissed(long callId, Long officeId, String callerNumber, String reason,
                                      java.util.List<LeaderCallMissed.Try> tries);

    /**
     * The hotline rang the leaders on duty at one level for this caller (a level's people are rung together) and
     * Asterisk answered {@code ring.dialStatus()}: kept per person rung, answered or not, for the hotline's own
     * responsiveness figures (docs/escalation.md). Test calls ring nobody and record nothing.
     */
    void leaderRung(long callId, Long officeId, LeaderRing ring);

    /**
     * One ring of one level of the leader chain.
     *
     * @param dialStatus DIALSTATUS as Asterisk gave it (ANSWER, BUSY, NOANSWER, CHANUNAVAIL, CONGESTION, CANCEL...),
     *                   empty when none came back
     * @param ringFor    how long the phones were allowed to ring
     */
    record LeaderRing(int level, java.util.List<Person> people, String dialStatus, Duration ringFor, Instant at) {

        public LeaderRing {
            people = java.util.List.copyOf(people);
            dialStatus = dialStatus == null ? "" : dialStatus;
        }
    }

    /** A person rung: the name and E.164 phone as the duty roster has them. */
    record Person(String name, String phone) {
    }

    /**
     * The row of a call whose answers were kept in the hotline's journal because the database was down, found by
     * Asterisk's unique id; when the row could not be opened during the call, it is created now, already closed as
     * COMPLETED at {@code lastAnswerAt} with last step JOURNAL (what else happened in the call is not known).
     * Idempotent: a second replay finds the same row.
     */
    long journaledCall(CallStarted call, Instant lastAnswerAt);

    /**
     * Closes calls left IN_PROGRESS by a node that died: those of {@code node} (this node, restarting) and those
     * of any node older than {@code staleAfter}. Returns how many were closed as INTERRUPTED.
     */
    int closeInterrupted(String node, Duration staleAfter);

    /**
     * What Asterisk tells us when a call arrives.
     *
     * @param test a test call from the web's test-call page: logged, but never in call statistics
     */
    record CallStarted(String asteriskUniqueId, String callerNumber, String dnis, String channel, String node,
                       Instant startedAt, boolean test) {

        /** A real call. */
        public CallStarted(String asteriskUniqueId, String callerNumber, String dnis, String channel, String node,
                           Instant startedAt) {
            this(asteriskUniqueId, callerNumber, dnis, channel, node, startedAt, false);
        }
    }

    enum EventKind { STEP, PROMPT, KEY, TIMEOUT, INVALID, ERROR, HANGUP }

    enum Outcome { COMPLETED, ABANDONED, TRANSFERRED, FAILED, INTERRUPTED }
}
