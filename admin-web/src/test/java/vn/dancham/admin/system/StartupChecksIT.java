package vn.dancham.admin.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancham.admin.DanChamApplication;
import vn.dancham.ivr.testing.AgiTestCall;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start of the whole application as an operator might misconfigure it: a recordings directory that cannot be
 * created (its parent is a file — unwritable even for root), Twilio credentials without a sender. It must start,
 * serve health and calls, say exactly what is wrong — and never print the auth token or the API key secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupChecksIT {

    @Test
    void startsAndServesWithAnUnusableRecordingsDirectorySaysWhatIsMissingAndLogsNoSecret(
            CapturedOutput output, @TempDir Path temp) throws Exception {
        Path blocker = Files.writeString(temp.resolve("not-a-directory"), "x");
        Path recordings = blocker.resolve("recordings");
        String token = "auth-token-" + UUID.randomUUID();
        String keySecret = "api-key-secret-" + UUID.randomUUID();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DanChamApplication.class)
                .profiles("test")
                .run("--dancham.ivr.recordings-directory=" + recordings,
                        "--dancham.twilio.account-sid=AC" + "0123456789abcdef0123456789abcdef", // placeholder
                        "--dancham.twilio.auth-token=" + token,
                        "--dancham.twilio.api-key-sid=SK" + "0123456789abcdef0123456789abcdef",
                        "--dancham.twilio.api-key-secret=" + keySecret,
                        // a scheduler of its own: the shared test application's is in this JVM too
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=startup-checks",
                        "--spring.quartz.auto-startup=false")) {
            int web = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            int agi = app.getEnvironment().getRequiredProperty("local.fastagi.port", Integer.class);

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + web + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");

            // A caller leaving a complaint: Asterisk cannot write the file either, the caller is told.
            AgiTestCall call = AgiTestCall.run("127.0.0.1", agi, "hotline", "startup-checks." + UUID.randomUUID(),
                    "0912000111", "4 REC:FAIL");
            assertThat(call.played()).contains("dancham/recording-failed");

            assertThat(output.getOut())
                    .contains("The recordings directory " + recordings.toAbsolutePath())
                    .contains("Recordings ......: " + recordings.toAbsolutePath() + " — NOT USABLE: cannot be created")
                    .contains("SMS are SIMULATED")
                    .contains("missing DANCHAM_TWILIO_FROM_NUMBER (or DANCHAM_TWILIO_MESSAGING_SERVICE_SID)");
        }
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(keySecret);
    }
}
