package vn.dancham.bench.data;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scoring core as the application wires it (everything under {@code vn.dancham} except the FastAGI server and
 * this suite), on an embedded PostgreSQL of its own, migrated by Flyway, with no web and no scheduler running:
 * the benchmarks call its Java API ({@code Ratings}, {@code Scores}, {@code ScoringMaintenance}) directly.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan("vn.dancham")
@ComponentScan(basePackages = "vn.dancham", excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = {"vn\\.dancham\\.ivr\\..*", "vn\\.dancham\\.bench\\..*"}))
public class CoreContext {

    /** Statements run through jOOQ: the scores benchmark reports statements per page (issue 16). */
    public static final java.util.concurrent.atomic.AtomicLong STATEMENTS = new java.util.concurrent.atomic.AtomicLong();

    @org.springframework.context.annotation.Bean
    org.jooq.ExecuteListenerProvider countingStatements() {
        return new org.jooq.impl.DefaultExecuteListenerProvider(new org.jooq.ExecuteListener() {
            @Override
            public void executeStart(org.jooq.ExecuteContext ctx) {
                STATEMENTS.incrementAndGet();
            }
        });
    }

    public static ConfigurableApplicationContext start(Path dataDirectory, Map<String, String> extra) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("dancham.db.data-directory", dataDirectory.toAbsolutePath().toString());
        props.put("dancham.db.port", "0");
        props.put("dancham.demo.load", "NEVER");
        props.put("spring.flyway.locations", "classpath:db/migration");
        props.put("spring.jooq.sql-dialect", "postgres");
        props.put("spring.quartz.auto-startup", "false");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "WARN");
        props.putAll(extra);
        SpringApplication app = new SpringApplication(CoreContext.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(props);
        app.setLogStartupInfo(false);
        return app.run();
    }
}
