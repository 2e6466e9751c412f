package vn.dancham.admin.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Tells whoever started the service where everything listens, once it is ready, and what is wrong with the
 * recordings directory if anything. Never prints a secret: the database URL loses any password it carries.
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:]*):[^/@]*@");

    private final Environment environment;

    StartupReport(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        String webPort = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String agiPort = environment.getProperty("local.fastagi.port", environment.getProperty("dancham.ivr.port", "4573"));
        String database = withoutSecrets(environment.getProperty("spring.datasource.url", "embedded PostgreSQL"));
        boolean webOn = !"none".equals(environment.getProperty("spring.main.web-application-type"));
        boolean ivrOn = environment.getProperty("dancham.ivr.enabled", Boolean.class, true);
        boolean schedulerOn = environment.getProperty("spring.quartz.auto-startup", Boolean.class, true);
        RecordingsDirectory recordings = RecordingsDirectory.check(
                Path.of(environment.getProperty("dancham.ivr.recordings-directory", "data/recordings")));
        if (!recordings.usable()) {
            log.warn("The recordings directory {} {}. The hotline keeps answering: a complaint whose recording "
                            + "fails is stored as FAILED and the caller is told; the web cannot play or delete "
                            + "recordings here. Fix dancham.ivr.recordings-directory, its permissions or disk space "
                            + "(if Asterisk writes it on another host, mount it here for the web player).",
                    recordings.path(), recordings.problem());
        }
        long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("""

                ===================== Dân Chấm is ready ({} ms after JVM start) =====================
                  Web UI ..........: {}
                  Health ..........: {}
                  FastAGI .........: {}
                  Scheduler .......: {}
                  Database ........: {}
                  Recordings ......: {}
                  Log in ..........: demo accounts are listed in README.md (e.g. admin / demo1234 when demo
                                     data is loaded); without demo data an administrator password is printed above
                ====================================================================================""",
                uptimeMs,
                webOn ? "http://localhost:" + webPort + "/" : "off",
                webOn ? "http://localhost:" + webPort + "/actuator/health" : "off",
                ivrOn ? "agi://<this-host>:" + agiPort + "/hotline" : "off",
                schedulerOn ? "Quartz, clustered JDBC job store" : "off",
                database,
                recordings.usable() ? recordings.path()
                        : recordings.path() + " — NOT USABLE: " + recordings.problem());
    }

    /** A JDBC URL without the password it may carry ({@code ?password=…} or {@code user:password@}). */
    static String withoutSecrets(String url) {
        return URL_USER_INFO.matcher(URL_PASSWORD.matcher(url).replaceAll("$1***")).replaceAll("$1:***@");
    }
}
