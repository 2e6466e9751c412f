package vn.dancham.feedback;

import java.time.Instant;
import java.util.List;

/**
 * One-time code SMS that were never sent because no Twilio account is configured (state SIMULATED), for an
 * administrator trying the public pages on a demo. With Twilio configured codes go to phones and this is empty:
 * a code that reached a phone is never shown in the web.
 */
public interface SimulatedCodes {

    record Message(String toPhone, String body, Instant createdAt) {
    }

    /** Simulated code SMS written after {@code since}, newest first, at most {@code limit}. */
    List<Message> since(Instant since, int limit);
}
