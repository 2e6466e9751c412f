package vn.dancham.ivr.testing;

import vn.dancham.calls.CallLog;
import vn.dancham.calls.LeaderCallMissed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A call log whose every method fails: a test's fake overrides only what its code may touch, so a call to anything
 * else shows up as an error instead of passing silently.
 */
public abstract class UnusedCallLog implements CallLog {

    private static UnsupportedOperationException unused(String method) {
        return new UnsupportedOperationException("CallLog." + method + " is not used by this test");
    }

    @Override
    public long started(CallStarted call) {
        throw unused("started");
    }

    @Override
    public List<Long> started(List<CallStarted> calls) {
        throw unused("started");
    }

    @Override
    public void endedUnopened(List<WholeCall> calls) {
        throw unused("endedUnopened");
    }

    @Override
    public void event(long callId, String step, EventKind kind, String detail) {
        throw unused("event");
    }

    @Override
    public void ended(long callId, Outcome outcome, String lastStep) {
        throw unused("ended");
    }

    @Override
    public void ended(long callId, Outcome outcome, String lastStep, Instant endedAt) {
        throw unused("ended");
    }

    @Override
    public LeaderCallMissed leaderCallMissed(long callId, Long officeId, String callerNumber, String reason,
                                             List<LeaderCallMissed.Try> tries) {
        throw unused("leaderCallMissed");
    }

    @Override
    public void leaderRung(long callId, Long officeId, LeaderRing ring) {
        throw unused("leaderRung");
    }

    @Override
    public long journaledCall(CallStarted call, Instant lastAnswerAt) {
        throw unused("journaledCall");
    }

    @Override
    public int closeInterrupted(String node, Duration staleAfter) {
        throw unused("closeInterrupted");
    }
}
