package vn.dancham.escalation.sms;

import org.jooq.DSLContext;

import java.time.Instant;

/**
 * Who answers an inbound SMS that is not from a leader: a number on the duty roster, or one an alert went to, keeps
 * the acknowledgement replies; anyone else is a citizen, and the citizen feature (issue 17) reads it. Called in the
 * webhook's transaction, after the SMS was stored (claimed) once, so that Twilio's retries change nothing more.
 */
public interface CitizenSmsHandler {

    /**
     * Handles one SMS; what it sends back goes through the outbox in {@code tx}.
     *
     * @param inboundId the stored {@code sms_inbound} row
     * @param phone     the sender in E.164
     * @return the result to store on the inbound row (a short code, e.g. {@code CITIZEN_ANSWERS})
     */
    String handle(DSLContext tx, long inboundId, String messageSid, String phone, String body, Instant receivedAt);
}
