package vn.dancham.admin.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.db.test.TestDatabase;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deployable started as {@code dancham.sh} starts it, in a JVM of its own: through its {@code main}, with
 * {@code -Dspring.aot.enabled=true} and the bean definitions the build generated into {@code target/classes}
 * (admin-web's pom, phase process-classes). With the build's settings it runs on those beans, on the embedded
 * database or on an external one; with a switch the build did not have (the hotline off) it must not get the
 * build's beans: it goes without the generated ones, says why, and obeys the switch.
 */
class SpringAotStartIT {

    private static final Duration START = Duration.ofMinutes(3);

    private final Path work = Path.of("target", "spring-aot-it", UUID.randomUUID().toString()).toAbsolutePath();
    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: Spring closes the context, and with it the embedded PostgreSQL
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withTheBuildsSettingsItRunsOnTheGeneratedBeans() throws Exception {
        int web = freePort();
        int agi = freePort();
        start("--server.port=" + web, "--dancham.ivr.port=" + agi, "--dancham.ivr.bind-address=127.0.0.1");
        awaitUp(web);

        String log = log();
        assertThat(log).contains("Starting AOT-processed DanChamApplication").doesNotContain("Spring AOT off");
        assertThat(Files.isDirectory(work.resolve("data/postgres"))).as("embedded database in ./data").isTrue();
        assertThat(get(web, "/login").body()).contains("Đăng nhập");
        assertThat(get(web, "/tra-cuu").statusCode()).isEqualTo(200);
        assertThatCode(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", agi), 5_000);
            }
        }).as("FastAGI listening").doesNotThrowAnyException();
    }

    @Test
    void onAnExternalDatabaseItRunsOnTheGeneratedBeansAndStartsNoEmbeddedOne() throws Exception {
        try (TestDatabase external = TestDatabase.fresh()) {
            int web = freePort();
            start("--server.port=" + web, "--dancham.ivr.port=0",
                    "--spring.datasource.url=" + external.jdbcUrl(), "--spring.datasource.username=postgres");
            awaitUp(web);

            assertThat(log()).contains("Starting AOT-processed DanChamApplication").doesNotContain("Spring AOT off");
            assertThat(Files.exists(work.resolve("data/postgres"))).as("no embedded database").isFalse();
            // The clustered scheduler checked in on the external database.
            assertThat(external.dsl().fetchCount(external.dsl().selectFrom("qrtz_scheduler_state"))).isPositive();
        }
    }

    @Test
    void aSwitchTheBuildDidNotHaveGoesWithoutTheGeneratedBeansAndIsObeyed() throws Exception {
        try (TestDatabase external = TestDatabase.fresh()) {
            int web = freePort();
            int agi = freePort();
            start("--server.port=" + web, "--dancham.ivr.port=" + agi, "--dancham.ivr.enabled=false",
                    "--spring.datasource.url=" + external.jdbcUrl(), "--spring.datasource.username=postgres");
            awaitUp(web);

            assertThat(log()).contains("Spring AOT off for this start")
                    .contains("dancham.ivr.enabled is 'false', the build had it unset")
                    .contains("Starting DanChamApplication").doesNotContain("AOT-processed");
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", agi), 2_000);
                }
            }).as("no FastAGI server on a node with the hotline off").isInstanceOf(IOException.class);
        }
    }

    private void start(String... arguments) throws IOException {
        try {
            Class.forName("vn.dancham.admin.DanChamApplication__ApplicationContextInitializer");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No generated beans in target/classes: build through Maven's "
                    + "process-classes phase (admin-web's pom runs Spring's AOT processor there)", e);
        }
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dspring.aot.enabled=true", "-Xmx512m",
                "-cp", applicationClasspath(), "vn.dancham.admin.DanChamApplication",
                "--dancham.demo.load=NEVER", "--dancham.db.port=0", "--server.address=127.0.0.1"));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("app.log").toFile());
        // Nothing from this JVM's environment that Spring Boot would read as a setting.
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("DANCHAM_"));
        process = builder.start();
    }

    /** The application's classes and libraries, as the test JVM has them, without the tests' own classes. */
    private static String applicationClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void awaitUp(int port) throws Exception {
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("application running; its log:%n%s", tail()).isTrue();
            try {
                HttpResponse<String> health = get(port, "/actuator/health");
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not UP within " + START + "; its log:\n" + tail());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private String log() throws IOException {
        return Files.readString(work.resolve("app.log"), StandardCharsets.UTF_8);
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(work.resolve("app.log"), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
