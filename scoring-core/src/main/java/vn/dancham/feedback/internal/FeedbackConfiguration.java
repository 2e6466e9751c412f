package vn.dancham.feedback.internal;

import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancham.complaint.Complaints;
import vn.dancham.feedback.FeedbackProperties;
import vn.dancham.feedback.OffensiveWords;
import vn.dancham.feedback.SimulatedCodes;
import vn.dancham.feedback.WebFeedbacks;

/** Wires the public feedback page's services. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackConfiguration {

    @Bean
    OffensiveWords offensiveWords(DSLContext dsl) {
        return new JooqOffensiveWords(dsl);
    }

    @Bean
    WebFeedbacks webFeedbacks(DSLContext dsl, Complaints complaints, OffensiveWords words, FeedbackProperties properties) {
        return new JooqWebFeedbacks(dsl, complaints, words, properties);
    }

    @Bean
    SimulatedCodes simulatedCodes(DSLContext dsl) {
        return new JooqSimulatedCodes(dsl);
    }
}
