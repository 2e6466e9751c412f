package vn.dancham.ivr.hotline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.EventKind;
import vn.dancham.calls.CallLog.Outcome;

import java.time.Clock;

/**
 * Writes one call's log. A failure to log never ends a call: the caller is still served (and told politely when
 * something they asked for cannot be done), and the failure is logged here.
 */
final class CallRecorder {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final CallLog callLog;
    private final Long callId;
    private String lastStep = "START";
    private boolean ended;

    private CallRecorder(CallLog callLog, Long callId) {
        this.callLog = callLog;
        this.callId = callId;
    }

    static CallRecorder start(CallLog callLog, CallInfo info, String node, Clock clock) {
        Long id = null;
        try {
            id = callLog.started(new CallLog.CallStarted(info.uniqueId(), info.callerNumber(), info.dnis(),
                    info.channel(), node, clock.instant()));
        } catch (RuntimeException e) {
            log.error("Could not open the call row for {}; serving the call without a log", info.uniqueId(), e);
        }
        return new CallRecorder(callLog, id);
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

    void end(Outcome outcome) {
        if (ended || callId == null) {
            return;
        }
        ended = true;
        try {
            callLog.ended(callId, outcome, lastStep);
        } catch (RuntimeException e) {
            log.error("Could not close call {} as {} at {}", callId, outcome, lastStep, e);
        }
    }

    private void write(String step, EventKind kind, String detail) {
        if (callId == null) {
            return;
        }
        try {
            callLog.event(callId, step, kind, detail);
        } catch (RuntimeException e) {
            log.warn("Could not log {} {} on call {}: {}", kind, step, callId, e.toString());
        }
    }
}
