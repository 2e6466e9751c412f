package vn.dancham.citizen.internal;

import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.DossierLookup;
import vn.dancham.citizen.OneTimeCodes;
import vn.dancham.dossier.Dossiers;
import vn.dancham.escalation.sms.Outbox;

import java.time.Clock;

/** Wires the public pages' services; a Clock bean from elsewhere (tests) wins over real UTC time. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CitizenProperties.class)
class CitizenConfiguration {

    @Bean
    OneTimeCodes oneTimeCodes(DSLContext dsl, Outbox outbox, ObjectProvider<Clock> clock, CitizenProperties properties) {
        return new JooqOneTimeCodes(dsl, outbox, clock.getIfAvailable(Clock::systemUTC), properties);
    }

    @Bean
    DossierLookup dossierLookup(Dossiers dossiers, ObjectProvider<Clock> clock, CitizenProperties properties) {
        return new DossierLookup(dossiers, properties, clock.getIfAvailable(Clock::systemUTC));
    }
}
