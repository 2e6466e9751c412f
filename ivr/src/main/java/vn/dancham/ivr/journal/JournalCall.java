package vn.dancham.ivr.journal;

import java.time.Instant;

/**
 * The call an answer was given in, as far as the hotline knew it: enough to find the call's row on replay, or to
 * create it when the row could not be opened because the database was already down when the call came in.
 *
 * @param uniqueId     Asterisk's unique id of the channel
 * @param callId       the call's row, or null when it could not be opened
 * @param callerNumber the caller's number, null when withheld
 * @param test         a test call from the web's test-call page: its answers are replayed as test answers
 */
public record JournalCall(String uniqueId, Long callId, String callerNumber, String dnis, String channel,
                          String node, Instant startedAt, boolean test) {

    public JournalCall {
        if (uniqueId == null || uniqueId.isBlank() || startedAt == null) {
            throw new IllegalArgumentException("A journaled call has Asterisk's unique id and a start time");
        }
    }

    /** A real (not test) call. */
    public JournalCall(String uniqueId, Long callId, String callerNumber, String dnis, String channel, String node,
                       Instant startedAt) {
        this(uniqueId, callId, callerNumber, dnis, channel, node, startedAt, false);
    }
}
