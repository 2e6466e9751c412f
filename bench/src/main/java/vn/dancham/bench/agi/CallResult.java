package vn.dancham.bench.agi;

import java.util.List;

/**
 * How one simulated call went.
 *
 * @param outcome      see {@link Outcome}
 * @param commands     AGI commands the server sent
 * @param detail       for failures: what was seen (the exception, the failure prompt, the last command)
 * @param transcript   the command lines received, when asked for (for the bare baseline), else empty
 * @param lastKeyNanos {@link System#nanoTime()} when the reply carrying the caller's last key was written, 0 if none
 */
public record CallResult(String scenario, Outcome outcome, int commands, long durationNanos, String detail,
                         List<String> transcript, long lastKeyNanos) {

    public enum Outcome {
        /** The script ran to its end (AJ_AGISTATUS SUCCESS or the server closed after the caller hung up). */
        OK,
        /** TCP connect refused or timed out. */
        CONNECT_FAILED,
        /** The server closed the connection before sending any command (e.g. a thread pool refused the call). */
        REFUSED,
        /** The script reported failure: AJ_AGISTATUS FAILED / NOT_FOUND, or a failure prompt was played. */
        SCRIPT_FAILED,
        /** No command from the server within the read timeout while the caller waited (dead air). */
        STALLED,
        /** The connection broke (reset, broken pipe). */
        BROKEN,
        /** More commands than the bound allows: the call did not end by itself. */
        RUNAWAY
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
