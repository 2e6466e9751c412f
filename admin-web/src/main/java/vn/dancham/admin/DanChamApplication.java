package vn.dancham.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import vn.dancham.admin.system.AheadOfTimeBeans;
import vn.dancham.db.EarlyEmbeddedPostgres;

/**
 * The one deployable: web UI and REST API, the FastAGI server and the Quartz scheduler, each of which can be
 * switched off by configuration so a larger site can run separate web and FastAGI nodes on one PostgreSQL.
 */
@SpringBootApplication(scanBasePackages = "vn.dancham")
@ConfigurationPropertiesScan("vn.dancham")
public class DanChamApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(DanChamApplication.class);
        // The embedded PostgreSQL (when no datasource URL is set) starts while the context is built, not after.
        application.addListeners(new EarlyEmbeddedPostgres());
        // With -Dspring.aot.enabled=true (dancham.sh): the beans the build worked out, unless this start's settings
        // differ from the build's; during the build, it records those settings.
        application.addListeners(new AheadOfTimeBeans());
        // During the build's AOT processing only: the build machine's environment variables are no setting.
        application.addListeners(new AheadOfTimeBeans.BuildDefaultsOnly());
        application.run(args);
    }
}
