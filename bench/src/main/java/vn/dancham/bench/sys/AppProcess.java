package vn.dancham.bench.sys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as an operator runs it: {@code java -jar admin-web/target/dancham.jar} on the embedded database,
 * here on free loopback ports and a data directory of its own under bench/target/run, so nothing collides with a
 * developer's instance. Closing it stops the JVM (SIGTERM, graceful) and any PostgreSQL left on its directory.
 */
public final class AppProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppProcess.class);

    private final Process process;
    private final Path workDirectory;
    private final int webPort;
    private final int agiPort;
    private final int dbPort;
    private final long launchedAtNanos;
    private long upAfterNanos = -1;

    private AppProcess(Process process, Path workDirectory, int webPort, int agiPort, int dbPort, long launchedAt) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.webPort = webPort;
        this.agiPort = agiPort;
        this.dbPort = dbPort;
        this.launchedAtNanos = launchedAt;
    }

    /**
     * The JVM options the launcher {@code dancham.sh} gives a node (README "Start-up"), without the AOT cache
     * (which needs a training run): Spring AOT's generated beans and the heap at half the memory. The benchmarks
     * that start the jar with {@code java -jar} give these, so they measure the application as it is deployed.
     */
    public static final List<String> AS_DEPLOYED = List.of("-XX:MaxRAMPercentage=50", "-Dspring.aot.enabled=true");

    /**
     * Launches the jar and returns at once; {@link #awaitHealthUp(Duration)} waits for it.
     *
     * @param properties extra {@code --name=value} arguments (override the defaults set here)
     */
    public static AppProcess launch(Path jar, Path workDirectory, Map<String, String> properties,
                                    List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No application jar at " + jar + ": build it with bench/run.sh");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return start(command, Map.of(), workDirectory, properties);
    }

    /**
     * Launches the extracted layout through its launcher, {@code admin-web/target/dancham/dancham.sh}, as an
     * operator does, with this JVM's java ({@code DANCHAM_JAVA}) and the given extra environment (e.g.
     * {@code DANCHAM_AOT=off}). The launcher execs java, so {@link #pid()} is the JVM's.
     */
    public static AppProcess launchScript(Path launcher, Map<String, String> environment, Path workDirectory,
                                          Map<String, String> properties) {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("No launcher at " + launcher + ": build it with bench/run.sh");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DANCHAM_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.putAll(environment);
        return start(List.of(launcher.toAbsolutePath().toString()), env, workDirectory, properties);
    }

    private static AppProcess start(List<String> program, Map<String, String> environment, Path workDirectory,
                                    Map<String, String> properties) {
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A port given by the caller is kept (a restart on the same ports); the others are free ones.
        int web = port(properties, "server.port");
        int agi = port(properties, "dancham.ivr.port");
        int db = port(properties, "dancham.db.port");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("server.port", Integer.toString(web));
        props.put("server.address", "127.0.0.1");
        props.put("dancham.ivr.port", Integer.toString(agi));
        props.put("dancham.ivr.bind-address", "127.0.0.1");
        props.put("dancham.db.port", Integer.toString(db));
        props.put("dancham.db.data-directory", workDirectory.resolve("postgres").toAbsolutePath().toString());
        props.put("dancham.demo.load", "AUTO");
        props.putAll(properties);
        List<String> command = new ArrayList<>(program);
        props.forEach((k, v) -> command.add("--" + k + "=" + v));
        log.info("launching {}", String.join(" ", command));
        Path logFile = workDirectory.resolve("app.log");
        try {
            long launchedAt = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process p = builder
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new AppProcess(p, workDirectory, web, agi, db, launchedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + command, e);
        }
    }

    /** Polls /actuator/health until it says UP; returns the time from launch. */
    public Duration awaitHealthUp(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + webPort + "/actuator/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue()
                        + " before health UP; see " + workDirectory.resolve("app.log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    upAfterNanos = System.nanoTime() - launchedAtNanos;
                    return Duration.ofNanos(upAfterNanos);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("No health UP within " + timeout + "; see " + workDirectory.resolve("app.log"));
    }

    public long pid() {
        return process.pid();
    }

    public int webPort() {
        return webPort;
    }

    public int agiPort() {
        return agiPort;
    }

    public int dbPort() {
        return dbPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/dancham";
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public Path logFile() {
        return workDirectory.resolve("app.log");
    }

    public PostgresProcesses postgres() {
        return new PostgresProcesses(workDirectory.resolve("postgres"));
    }

    /** Lines of the application's log that mention a warning or error, at most {@code max}. */
    public List<String> problemsInLog(int max) {
        try (var lines = Files.lines(logFile())) {
            return lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception"))
                    .limit(max).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                log.warn("application did not stop within 60 s; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        postgres().stopLeftover();
    }

    private static int port(Map<String, String> properties, String name) {
        String given = properties.get(name);
        return given == null ? freePort() : Integer.parseInt(given);
    }

    /**
     * SIGKILL, as {@code kill -9}: no shutdown hook runs, so the embedded PostgreSQL the JVM started is orphaned
     * and keeps running on its data directory (the next start must deal with it). Returns when the JVM is gone.
     */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
