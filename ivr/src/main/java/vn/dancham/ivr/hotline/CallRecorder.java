package vn.dancham.ivr.hotline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.EventKind;
import vn.dancham.calls.CallLog.Outcome;

import java.time.Instant;

/**
 * Writes one call's log. A failure to log never ends a call: the caller is still served (and told politely when
 * something they asked for cannot be done), and the failure is logged here. While the database is down (see
 * {@link DatabaseGuard}) the log is not written at all: the call's steps are lost, the caller's answers are not
 * (they go to the journal).
 */
final class CallRecorder {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final CallLog callLog;
    private final DatabaseGuard guard;
    private final Long callId;
    private String lastStep = "START";
    private boolean ended;

    private CallRecorder(CallLog callLog, DatabaseGuard guard, Long callId) {
        this.callLog = callLog;
        this.guard = guard;
        this.callId = callId;
    }

    static CallRecorder start(CallLog callLog, DatabaseGuard guard, CallInfo info, String node, Instant startedAt) {
        DatabaseGuard.Reply<Long> id = guard.call("opening call " + info.uniqueId(), () -> callLog.started(
                new CallLog.CallStarted(info.uniqueId(), info.callerNumber(), info.dnis(), info.channel(), node,
                        startedAt, info.test())));
        if (!id.ok()) {
            log.warn("Could not open the call row for {} ({}); serving the call without a log", info.uniqueId(),
                    id.problem());
        }
        return new CallRecorder(callLog, guard, id.value());
    }

    Long callId() {
        return callId;
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

    /** Closes the call row; false when it is open and could not be closed (the database is down). */
    boolean end(Outcome outcome) {
        if (ended || callId == null) {
            return true;
        }
        ended = true;
        DatabaseGuard.Reply<Boolean> done = guard.run("closing call " + callId,
                () -> callLog.ended(callId, outcome, lastStep));
        if (!done.ok()) {
            log.warn("Could not close call {} as {} at {}: {}", callId, outcome, lastStep, done.problem());
        }
        return done.ok();
    }

    private void write(String step, EventKind kind, String detail) {
        if (callId == null) {
            return;
        }
        if (guard.down()) {
            return;
        }
        DatabaseGuard.Reply<Boolean> done = guard.run("call log", () -> callLog.event(callId, step, kind, detail));
        if (!done.ok()) {
            log.warn("Could not log {} {} on call {}: {}", kind, step, callId, done.problem());
        }
    }
}
