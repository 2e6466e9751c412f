package vn.dancham.rating.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
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

    /**
     * Answers per batch the rating writer committed ({@code dancham.rating.batch}: count = batches, sum = answers,
     * max): an operator sees whether the writer gathers answers (issue 16) or pays a batch's fixed cost per answer.
     */
    static void batch(int answers) {
        DistributionSummary.builder("dancham.rating.batch")
                .description("Answers applied per rating writer batch")
                .baseUnit("answers")
                .register(Metrics.globalRegistry)
                .record(answers);
    }
}
