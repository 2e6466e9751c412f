package vn.dancham.ivr.hotline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.EventKind;
import vn.dancham.calls.CallLog.Outcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one call's log. Its row is written when the call first needs it, or whole at its end (see
 * {@link CallOpens}). The events are buffered and written with the call's end after the call (see {@link CallEnds}),
 * or sooner when
 * {@link #MAX_BUFFERED} have gathered or the oldest is {@link #MAX_AGE} old, so that a caller's key is not followed
 * by a database round trip before the next prompt. A crash of the node loses the buffered steps of its calls (not
 * the answers: those are written or journalled at once). A failure to log never ends a call: the caller is still served (and told politely when
 * something they asked for cannot be done), and the failure is logged here. While the database is down (see
 * {@link DatabaseGuard}) the log is not written at all: the call's steps are lost, the caller's answers are not
 * (they go to the journal).
 */
final class CallRecorder {

    static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    /** A call of a few minutes has 30 to 60 events: about one write mid-call and one at hang-up. */
    static final int MAX_BUFFERED = 32;
    /** Someone following a long call from the web sees its steps at most this late. */
    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final CallLog callLog;
    private final DatabaseGuard guard;
    private final CallOpens opens;
    private final CallEnds ends;
    private final Clock clock;
    private final CallOpens.Opening opening;
    /** The row's id once it is known to be written. */
    private Long callId;
    /** The row could not be written: the call goes without a log. */
    private boolean unlogged;
    private final List<CallLog.Event> buffered = new ArrayList<>();
    private String lastStep = "START";
    private boolean ended;

    private CallRecorder(CallLog callLog, DatabaseGuard guard, CallOpens opens, CallEnds ends, Clock clock,
                         CallOpens.Opening opening) {
        this.callLog = callLog;
        this.guard = guard;
        this.opens = opens;
        this.ends = ends;
        this.clock = clock;
        this.opening = opening;
    }

    /** A call started; nothing is written yet. */
    static CallRecorder start(CallLog callLog, DatabaseGuard guard, CallOpens opens, CallEnds ends, Clock clock,
                              CallInfo info, String node, Instant startedAt) {
        CallOpens.Opening opening = opens.open(new CallLog.CallStarted(info.uniqueId(), info.callerNumber(),
                info.dnis(), info.channel(), node, startedAt, info.test()));
        return new CallRecorder(callLog, guard, opens, ends, clock, opening);
    }

    /**
     * The call's row id, writing the row now if it is not written yet (an answer, a complaint or a ring refers to
     * it); null when the database could not take it: the call is then served without a log.
     */
    Long callId() {
        if (callId == null && !unlogged) {
            callId = opens.id(opening);
            if (callId == null) {
                unlogged = true;
                log.warn("Could not open the call row for {}; serving the call without a log",
                        opening.call.asteriskUniqueId());
            }
        }
        return callId;
    }

    /** The row's id if it is written already, without writing it (what the journal may refer to). */
    Long writtenCallId() {
        return callId != null ? callId : opening.writtenId();
    }

    String lastStep() {
        return lastStep;
    }

    void step(String step) {
        lastStep = step;
        write(step, EventKind.STEP, null);
    }

    void key(char key) {
        write(lastStep, EventKind.KEY, String.valueOf(key));
    }

    void digits(String digits) {
        write(lastStep, EventKind.KEY, digits);
    }

    void timeout() {
        write(lastStep, EventKind.TIMEOUT, null);
    }

    void invalid(String what) {
        write(lastStep, EventKind.INVALID, what);
    }

    void note(String detail) {
        write(lastStep, EventKind.STEP, detail);
    }

    void error(String detail) {
        write(lastStep, EventKind.ERROR, detail);
    }

    void hangup() {
        write(lastStep, EventKind.HANGUP, null);
    }

    /**
     * Hands the events still buffered and the call's end over to be written after the call (see {@link CallEnds}).
     * {@code keepEnd} runs when the row is written and its end cannot be: the database is down now, or refuses the
     * end or goes down before it is written. It keeps the end in the journal, so that the row does not stay in
     * progress (the events are dropped).
     */
    void end(Outcome outcome, Runnable keepEnd) {
        if (ended || unlogged) {
            return;
        }
        ended = true;
        List<CallLog.Event> events = List.copyOf(buffered);
        buffered.clear();
        Instant now = clock.instant();
        if (callId == null && opens.withdraw(opening)) {
            // The row was never needed: the whole call in one statement.
            ends.end(new CallLog.WholeCall(opening.call, events, outcome, lastStep, now));
            return;
        }
        // Written, or being written by another call's statement: its id, then the last events and the end in one
        // statement, with the ends of the other calls that ended meanwhile.
        if (callId() == null) {
            return;
        }
        ends.end(new CallLog.CallEnd(callId, events, outcome, lastStep, now), keepEnd);
    }

    private void write(String step, EventKind kind, String detail) {
        if (unlogged || ended) {
            return;
        }
        Instant now = clock.instant();
        buffered.add(new CallLog.Event(step, kind, detail, now));
        if (buffered.size() >= MAX_BUFFERED || !buffered.getFirst().at().plus(MAX_AGE).isAfter(now)) {
            flush();
        }
    }

    /** Writes the buffered events in one statement; while the database is down they are dropped (see above). */
    private void flush() {
        if (buffered.isEmpty()) {
            return;
        }
        List<CallLog.Event> events = List.copyOf(buffered);
        buffered.clear();
        if (guard.down() || callId() == null) {
            return;
        }
        long id = callId;
        DatabaseGuard.Reply<Boolean> done = guard.run("call log", () -> callLog.events(id, events));
        if (!done.ok()) {
            log.warn("Could not log {} events of call {}: {}", events.size(), callId, done.problem());
        }
    }
}
