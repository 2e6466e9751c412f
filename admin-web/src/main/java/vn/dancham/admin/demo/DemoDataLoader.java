package vn.dancham.admin.demo;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.dancham.db.EmbeddedPostgresServer;

import java.time.Clock;

import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.APP_USER;

/**
 * Loads the demo province on first start: only into an empty database, and into an external database only when
 * asked ({@code dancham.demo.load=ALWAYS}). Runs before the application reports itself ready.
 */
@Component
@Order(0)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoDataProperties properties;
    private final ObjectProvider<EmbeddedPostgresServer> embedded;
    private final DSLContext dsl;
    private final DemoProvince province;
    private final Clock clock;

    DemoDataLoader(DemoDataProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded, DSLContext dsl,
                   DemoProvince province, ObjectProvider<Clock> clock) {
        this.properties = properties;
        this.embedded = embedded;
        this.dsl = dsl;
        this.province = province;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean wanted = switch (properties.load()) {
            case NEVER -> false;
            case ALWAYS -> true;
            case AUTO -> embedded.getIfAvailable() != null;
        };
        if (!wanted) {
            return;
        }
        if (dsl.fetchCount(ADMIN_UNIT) > 0 || dsl.fetchCount(APP_USER) > 0) {
            log.info("Database already holds data: demo data not loaded");
            return;
        }
        long started = System.nanoTime();
        DemoProvince.Summary summary = province.load(properties.seed(), clock.instant());
        log.info("Demo data loaded in {} ms: {}", (System.nanoTime() - started) / 1_000_000, summary);
    }
}
