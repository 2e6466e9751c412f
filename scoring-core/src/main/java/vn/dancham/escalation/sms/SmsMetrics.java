package vn.dancham.escalation.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What the dispatcher did with each message, for Prometheus (README "Metrics"). Public only for the escalation
 * configuration, which registers the known codes at start-up. Recorded into Micrometer's global
 * registry, which Spring Boot binds its Prometheus registry to, so the dispatcher needs no registry passed in (it
 * is also built by hand in tests). Tags are bounded: the result is one of six kinds, and the error code is one of
 * Twilio's documented codes (or {@code none} when there was no answer at all).
 */
public final class SmsMetrics {

    private SmsMetrics() {
    }

    static void sent(SendResult result, long callNanos, Instant createdAt, Instant now) {
        String kind = switch (result) {
            case SendResult.Accepted a -> "accepted";
            case SendResult.Simulated s -> "simulated";
            case SendResult.Rejected r -> "rejected";
            case SendResult.Unsure u -> "unsure";
            case SendResult.NotSent n -> "not_sent";
            case SendResult.RetryLater r -> "retry_later";
        };
        Timer.builder("dancham.sms.send")
                .description("One call to the SMS provider, by what it answered")
                .tag("result", kind)
                .publishPercentileHistogram()
                .register(Metrics.globalRegistry)
                .record(callNanos, TimeUnit.NANOSECONDS);
        if (result instanceof SendResult.Accepted || result instanceof SendResult.Simulated) {
            // From the row's creation (the incident step or the citizen event) to the provider taking it: what an
            // outage delays.
            Timer.builder("dancham.sms.delay")
                    .description("From an SMS being queued to the provider taking it")
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofHours(6))
                    .register(Metrics.globalRegistry)
                    .record(Duration.between(createdAt, now).isNegative() ? Duration.ZERO
                            : Duration.between(createdAt, now));
        }
        String code = switch (result) {
            case SendResult.Rejected r -> r.errorCode() == null ? "unknown" : Integer.toString(r.errorCode());
            case SendResult.RetryLater r -> "retry";
            case SendResult.Unsure u -> "no_answer";
            default -> null;
        };
        if (code != null) {
            providerErrors(Metrics.globalRegistry, code).increment();
        }
    }

    /**
     * The provider-error counter for one code. The two codes that are not Twilio's are registered at zero when the
     * application starts ({@link #registerKnown}), so a graph of them starts at 0 rather than at the first outage.
     */
    static Counter providerErrors(MeterRegistry registry, String code) {
        return Counter.builder("dancham.sms.provider.errors")
                .description("SMS provider errors, by Twilio error code (retry: 429/5xx/refused; no_answer: timeout)")
                .tag("code", code)
                .register(registry);
    }

    public static void registerKnown(MeterRegistry registry) {
        providerErrors(registry, "retry");
        providerErrors(registry, "no_answer");
    }
}
