package vn.dancham.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of escalation ({@code dancham.escalation.*}). The per-severity policies (wait, levels, repeats) live
 * in the escalation_policy table so administrators can change them from the web; V30 seeds the defaults
 * (URGENT 5 min, WARNING 30 min, LOW daily digest).
 *
 * @param schedulerEnabled        run the escalation, SMS dispatch and digest jobs on this node (default true)
 * @param zone                    the time zone of SMS texts and of the digest hour (default Asia/Ho_Chi_Minh)
 * @param linkBaseUrl             public URL of the web UI for the links in SMS; empty (the default) means
 *                                {@code dancham.twilio.public-base-url}, so one setting serves links and webhooks
 * @param tickInterval            how often escalation looks for incidents whose wait is over (default 5s)
 * @param dispatchInterval        how often the outbox is polled; new SMS are also dispatched right after commit
 *                                on the node that wrote them (default 5s)
 * @param digestHour              local hour (0–23) of the daily digest of LOW concerns (default 7)
 * @param missedCallSeverity      severity of a caller's missed call to the leader on duty (default URGENT)
 * @param maxSegments             a single alert is shortened to at most this many segments (default 1: with
 *                                diacritics stripped the alert fits one GSM-7 segment of 160 characters)
 * @param stripDiacritics         send Vietnamese without diacritics so it fits GSM-7 (160 instead of 70 characters a
 *                                segment); default true. With false, alerts keep their diacritics and cost about
 *                                three times as many segments (the settings page shows the counts)
 * @param minIntervalPerRecipient at most one SMS per phone in this interval; alerts arriving meanwhile are bundled
 *                                into the next SMS (default 60s)
 * @param maxPerRecipientPerHour  at most this many SMS per phone in any hour (default 20)
 * @param sendingLease            a message left SENDING longer than this (its sender died) is tried again (default 2m)
 * @param maxAttempts             transient failures (429, 5xx, timeouts) are retried up to this many attempts
 *                                (default 40, i.e. well over an hour with the default backoff)
 * @param backoffBase             first retry delay, doubled per attempt (default 5s)
 * @param backoffMax              longest retry delay (default 2m)
 * @param batchSize               messages claimed per dispatch round (default 50)
 * @param bundleMaxSegments       a bundle of several alerts and the daily digest are kept within this many segments
 *                                (default 3)
 * @param smsReplies              who gets an SMS back when they text the number: ROSTER (default: phones on the duty
 *                                roster or that we sent an alert to), ALL, or NONE
 * @param stopDrain               how long a stopping node goes on handing due SMS to the provider before it hands the
 *                                rest back to the outbox (default 5s): with a healthy Twilio the SMS of the last calls
 *                                leave before the node goes, instead of waiting for another node or the next start;
 *                                bounded so that a hanging Twilio cannot hold the stop (the message in hand at the end
 *                                adds at most its lookup and send, each within the request timeout); 0 hands nothing
 *                                more after the message in hand
 */
@ConfigurationProperties("dancham.escalation")
public record EscalationProperties(
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone,
        @DefaultValue("") String linkBaseUrl,
        @DefaultValue("5s") Duration tickInterval,
        @DefaultValue("5s") Duration dispatchInterval,
        @DefaultValue("7") int digestHour,
        @DefaultValue("URGENT") Severity missedCallSeverity,
        @DefaultValue("1") int maxSegments,
        @DefaultValue("true") boolean stripDiacritics,
        @DefaultValue("60s") Duration minIntervalPerRecipient,
        @DefaultValue("20") int maxPerRecipientPerHour,
        @DefaultValue("2m") Duration sendingLease,
        @DefaultValue("40") int maxAttempts,
        @DefaultValue("5s") Duration backoffBase,
        @DefaultValue("2m") Duration backoffMax,
        @DefaultValue("50") int batchSize,
        @DefaultValue("3") int bundleMaxSegments,
        @DefaultValue("ROSTER") SmsReplies smsReplies,
        @DefaultValue("5s") Duration stopDrain) {

    public EscalationProperties {
        if (digestHour < 0 || digestHour > 23) {
            throw new IllegalArgumentException("dancham.escalation.digest-hour must be 0..23, was " + digestHour);
        }
        if (maxSegments < 1 || maxSegments > 10) {
            throw new IllegalArgumentException("dancham.escalation.max-segments must be 1..10, was " + maxSegments);
        }
        if (maxPerRecipientPerHour < 1) {
            throw new IllegalArgumentException("dancham.escalation.max-per-recipient-per-hour must be >= 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("dancham.escalation.max-attempts must be >= 1");
        }
        if (bundleMaxSegments < 1 || bundleMaxSegments > 10) {
            throw new IllegalArgumentException("dancham.escalation.bundle-max-segments must be 1..10, was "
                    + bundleMaxSegments);
        }
        linkBaseUrl = linkBaseUrl == null ? "" : linkBaseUrl.strip();
        linkBaseUrl = linkBaseUrl.endsWith("/") ? linkBaseUrl.substring(0, linkBaseUrl.length() - 1) : linkBaseUrl;
        if (stopDrain == null || stopDrain.isNegative()) {
            throw new IllegalArgumentException("dancham.escalation.stop-drain must be 0 or more, was " + stopDrain);
        }
        if (smsReplies == null) {
            smsReplies = SmsReplies.ROSTER;
        }
    }

    /** Who gets an SMS back when they text the hotline's number. */
    public enum SmsReplies {
        /** Phones on the duty roster (any shift of the last 90 days or to come) or that we sent an SMS to. */
        ROSTER,
        /** Anyone (each reply costs money and invites abuse). */
        ALL,
        /** Nobody: replies are still read and acknowledge, but nothing is sent back. */
        NONE
    }

    /** The defaults, for tests and tools that run without Spring. */
    public static EscalationProperties defaults() {
        return new EscalationProperties(true, ZoneId.of("Asia/Ho_Chi_Minh"), "", Duration.ofSeconds(5),
                Duration.ofSeconds(5), 7, Severity.URGENT, 1, true, Duration.ofSeconds(60), 20, Duration.ofMinutes(2),
                40, Duration.ofSeconds(5), Duration.ofMinutes(2), 50, 3, SmsReplies.ROSTER, Duration.ofSeconds(5));
    }

    /** The base of links in SMS: {@code link-base-url} when set, else the public URL Twilio reaches us at. */
    public String linkBase(TwilioProperties twilio) {
        if (!linkBaseUrl.isBlank()) {
            return linkBaseUrl;
        }
        return twilio.publicBaseUrl().isBlank() ? "http://localhost:8080" : twilio.publicBaseUrl();
    }
}
