package vn.dancham.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL server run from the zonky binaries on a persistent data directory, for development, demos and
 * small sites. Closing it stops the server (pg_ctl stop), and only the owner closes it: no JVM shutdown hook of its
 * own. A server orphaned by a killed JVM is stopped on the next start so the data directory can be reused.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** A durable server: see {@link #start(Path, int, String, boolean)}. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String databaseName) {
        return start(dataDirectory, port, databaseName, true);
    }

    /**
     * Starts a server on {@code dataDirectory} (created and initialised when empty, reused otherwise) and makes
     * sure the database {@code databaseName} exists.
     *
     * @param port    a TCP port on the loopback interface, or 0 for any free one
     * @param durable true for data that must survive a crash of the machine (fsync and synchronous commit on);
     *                false for throw-away test databases, where speed matters more
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String databaseName, boolean durable) {
        return start(dataDirectory, port, databaseName, durable, Map.of());
    }

    /**
     * As {@link #start(Path, int, String, boolean)}, with further server settings applied after this class's own, so
     * that they win ({@code dancham.db.server-settings}: an operator's, or the bench's {@code pg_stat_statements}).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String databaseName, boolean durable,
                                               Map<String, String> serverSettings) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            stopOrphanedServer(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    // zonky starts postgres with -F (fsync off) and synchronous_commit=off, which suits tests but
                    // not a hotline's data: a later -c wins over -F.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    // PostgreSQL's defaults are sized for a tiny machine (docs/scoring.md § 9b, "Database settings"):
                    // at 10 million ratings the scoring maintenance sorted and hashed on disk in 4 MB pieces and
                    // checkpointed every few seconds during a recomputation (issue 16).
                    .setServerConfig("work_mem", "32MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    // Test servers start by the dozen: only a durable (application) server takes more shared memory.
                    .setServerConfig("shared_buffers", durable ? "512MB" : "128MB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky's own JVM shutdown hook would stop the server in parallel with Spring's context close
                    // (hooks run concurrently), killing connections under Quartz jobs and calls still finishing;
                    // the owner closes it instead (Spring after every bean that uses the DataSource).
                    .setRegisterShutdownHook(false);
            serverSettings.forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, directory);
            server.createDatabaseIfMissing(databaseName);
            log.info("Embedded PostgreSQL listening on 127.0.0.1:{} with data in {}", postgres.getPort(), directory);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + directory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String databaseName) {
        return postgres.getJdbcUrl("postgres", databaseName);
    }

    public String user() {
        return "postgres";
    }

    /**
     * Stops the PostgreSQL server but keeps this object, for outage drills and tests: the application sees its
     * database vanish as when an operator stops it (a fast shutdown: sessions are cut, connections refused).
     * {@link #startAgain()} brings it back on the same port and data; {@link #close()} stops it for good either way.
     */
    public synchronized void stopForDrill() {
        // pg_ctl refuses to run as root (the zonky binaries themselves do run as root in containers), so the
        // postmaster gets SIGINT, which is what pg_ctl stop -m fast sends.
        long pid = postmasterPid().orElseThrow(() -> new IllegalStateException("No server runs on " + dataDirectory));
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        run(List.of("kill", "-INT", Long.toString(pid)));
        try {
            postmaster.onExit().get(DRILL_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL on " + dataDirectory + " did not stop", e);
        }
        log.warn("Embedded PostgreSQL on {} stopped for a drill", dataDirectory);
    }

    /** Starts the server stopped by {@link #stopForDrill()} again, with the options it had, and waits for it. */
    public synchronized void startAgain() {
        List<String> command = new java.util.ArrayList<>();
        try {
            // postmaster.opts: the binary and each argument double-quoted, exactly as zonky started it
            String opts = Files.readString(dataDirectory.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
            var token = java.util.regex.Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(opts);
            while (token.find()) {
                command.add(token.group(1) != null ? token.group(1) : token.group(2));
            }
            if ("root".equals(System.getProperty("user.name"))) {
                // as zonky does: postgres refuses to run as root, but runs as "nobody" in a user namespace of its own
                command.addAll(0, List.of("unshare", "-U"));
            }
            restarted = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dataDirectory.resolveSibling(dataDirectory.getFileName() + "-drill.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL again on " + dataDirectory, e);
        }
        long deadline = System.nanoTime() + DRILL_TIMEOUT.toNanos();
        while (true) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                connection.createStatement().execute("SELECT 1");
                break;
            } catch (SQLException e) {
                if (!restarted.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL on " + dataDirectory + " did not come back", e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
        log.warn("Embedded PostgreSQL on {} started again after a drill", dataDirectory);
    }

    private static final Duration DRILL_TIMEOUT = Duration.ofSeconds(60);
    /** The server started by {@link #startAgain()}: zonky does not know it, so {@link #close()} stops it. */
    private volatile Process restarted;

    private java.util.Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + command, e);
        }
    }

    /** Runs one statement on the maintenance database, e.g. CREATE DATABASE ... TEMPLATE ... in tests. */
    public void executeOnMaintenanceDatabase(String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed on embedded PostgreSQL: " + sql, e);
        }
    }

    private void createDatabaseIfMissing(String databaseName) {
        if (!databaseName.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + databaseName);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            exists.setString(1, databaseName);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE " + databaseName);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + databaseName, e);
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its postgres running on the data directory; a new server on the same
     * directory would then refuse to start. The pid file tells whether that postgres is still alive.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier process", pid, directory);
        ProcessHandle handle = process.get();
        handle.destroy();
        try {
            handle.onExit().get(ORPHAN_STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    @Override
    public void close() {
        Process again = restarted;
        if (again != null && again.isAlive()) {
            // started after a drill: a fast shutdown (SIGINT), as for the first server
            run(List.of("kill", "-INT", Long.toString(again.pid())));
            try {
                if (!again.waitFor(DRILL_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                    again.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL on {} stopped", dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop embedded PostgreSQL on " + dataDirectory, e);
        }
    }
}
