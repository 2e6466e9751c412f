package vn.dancham.ivr.journal;

import vn.dancham.calls.CallLog;

import java.time.Instant;

/**
 * How a call ended whose row was opened but could not be closed (the database went down during the call): replayed
 * so that the row does not stay IN_PROGRESS. Kept only for a call that has a row.
 */
public record KeptCallEnd(String key, JournalCall call, CallLog.Outcome outcome, String lastStep, Instant at)
        implements KeptAnswer {

    public KeptCallEnd {
        KeptAnswer.requireKey(key);
        if (call == null || call.callId() == null || outcome == null || lastStep == null || at == null) {
            throw new IllegalArgumentException("A kept call end has the call's row, an outcome, a step and a time");
        }
    }
}
