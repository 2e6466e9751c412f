package vn.dancham.admin.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;

/** Tells whoever started the service where everything listens, once it is ready. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;

    StartupReport(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        String webPort = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String agiPort = environment.getProperty("local.fastagi.port", environment.getProperty("dancham.ivr.port", "4573"));
        String database = environment.getProperty("spring.datasource.url", "embedded PostgreSQL");
        boolean webOn = !"none".equals(environment.getProperty("spring.main.web-application-type"));
        boolean ivrOn = environment.getProperty("dancham.ivr.enabled", Boolean.class, true);
        boolean schedulerOn = environment.getProperty("spring.quartz.auto-startup", Boolean.class, true);
        long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("""

                ===================== Dân Chấm is ready ({} ms after JVM start) =====================
                  Web UI ..........: {}
                  Health ..........: {}
                  FastAGI .........: {}
                  Scheduler .......: {}
                  Database ........: {}
                  Log in ..........: demo accounts are listed in README.md (e.g. admin / admin123 when demo
                                     data is loaded); without demo data an administrator password is printed above
                ====================================================================================""",
                uptimeMs,
                webOn ? "http://localhost:" + webPort + "/" : "off",
                webOn ? "http://localhost:" + webPort + "/actuator/health" : "off",
                ivrOn ? "agi://<this-host>:" + agiPort + "/hotline" : "off",
                schedulerOn ? "Quartz, clustered JDBC job store" : "off",
                database);
    }
}
