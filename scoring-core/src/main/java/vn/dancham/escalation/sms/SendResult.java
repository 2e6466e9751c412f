package vn.dancham.escalation.sms;

import java.time.Duration;

/** What a gateway made of one SMS: expected outcomes as values. */
public sealed interface SendResult {

    /** The provider took the message; {@code status} is its own word (queued, accepted, sent, …). */
    record Accepted(String providerSid, String status) implements SendResult {
    }

    /** No gateway is configured: the message was kept, never sent. */
    record Simulated() implements SendResult {
    }

    /** The provider refused this message for good (e.g. 21211 invalid number); trying again would not help. */
    record Rejected(Integer errorCode, String message) implements SendResult {
    }

    /**
     * No answer at all (timeout, reset connection): the provider may or may not have taken the message, so it is
     * looked up with {@link SmsGateway#findSent} before it is sent again.
     */
    record Unsure(String reason) implements SendResult {
    }

    /**
     * Not handed to the provider and never will be (a message in doubt that the provider does not hold, whose
     * attempts are spent or whose incident no longer waits). Made by the dispatcher, never by a gateway.
     */
    record NotSent(String reason) implements SendResult {
    }

    /** Try again later (429, 5xx, connection refused); {@code retryAfter} is the provider's hint or null. */
    record RetryLater(String reason, Duration retryAfter) implements SendResult {
    }
}
