package vn.dancham.scoring;

import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import vn.dancham.dossier.internal.DossierQueries;
import vn.dancham.dossier.internal.DossierWriter;
import vn.dancham.rating.internal.RatingRecorder;
import vn.dancham.scoring.internal.Aggregates;
import vn.dancham.scoring.internal.Maintenance;

import java.time.Clock;

/**
 * The scoring core's beans: dossiers, ratings and scores over the application's jOOQ {@link DSLContext} (which takes
 * part in Spring transactions) and its transaction manager. A {@link Clock} bean, when the application defines one,
 * is used for "now"; otherwise the system clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScoringProperties.class)
public class ScoringConfiguration {

    @Bean
    Aggregates scoringAggregates(DSLContext dsl, ScoringProperties properties) {
        return new Aggregates(dsl, properties);
    }

    @Bean
    DossierQueries dossiers(DSLContext dsl, ObjectProvider<Clock> clock) {
        return new DossierQueries(dsl, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    DossierWriter dossierRegistry(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates) {
        return new DossierWriter(dsl, transactions, aggregates);
    }

    @Bean
    RatingRecorder ratings(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates,
                           ApplicationEventPublisher events, ObjectProvider<Clock> clock,
                           ScoringProperties properties) {
        return new RatingRecorder(dsl, transactions, aggregates, events, clock.getIfAvailable(Clock::systemUTC),
                properties);
    }

    @Bean
    Maintenance scoringMaintenance(Aggregates aggregates, PlatformTransactionManager transactions) {
        return new Maintenance(aggregates, transactions);
    }
}
