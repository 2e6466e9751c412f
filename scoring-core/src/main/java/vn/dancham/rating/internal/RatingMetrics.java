package vn.dancham.rating.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;

/**
 * Answers stored, by channel (PHONE, SMS, WEB, IMPORT) and by what the eligibility rules made of them (COUNTED,
 * FLAGGED — held for HR —, CAPPED, TEST): {@code dancham.answers}. Counted after the transaction committed, in
 * Micrometer's global registry (Spring Boot binds its Prometheus registry to it), so the recorder needs no registry
 * passed in. Both tags come from enums: the series stay few.
 */
final class RatingMetrics {

    private RatingMetrics() {
    }

    static void stored(RatingSubmission submission, RatingReceipt receipt) {
        Counter.builder("dancham.answers")
                .description("Rating answers stored, by channel and eligibility outcome")
                .tag("channel", submission.channel() == null ? "PHONE" : submission.channel().name())
                .tag("outcome", receipt.outcome().name())
                .register(Metrics.globalRegistry)
                .increment();
    }
}
