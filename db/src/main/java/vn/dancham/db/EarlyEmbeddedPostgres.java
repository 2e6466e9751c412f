package vn.dancham.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the embedded PostgreSQL as soon as the application's configuration is known, on a thread of its own, while
 * Spring builds the rest of the context; {@link EmbeddedDatabaseAutoConfiguration}'s bean then takes the running
 * server instead of starting one. On the start-up benchmark the context spent about 3.5 s before it asked for the
 * database and the server's own start took 1.2–1.5 s more, one after the other (issue 16's start-up goal,
 * bench/results/2026-12-02-1118-startup-small.md); started together, launch to UP with the AOT cache went from 7.9 to
 * 6.7 s (-1138-startup-small.md).
 * <p>
 * Only for an application that registers it (the deployable's {@code main}), and only when no
 * {@code spring.datasource.url} is set — the same test as the auto-configuration's. A server started here that
 * nobody takes (the context failed first, or the bean asked with other settings) is stopped; a start that failed
 * fails the bean that takes it, with the same exception as before.
 */
public final class EarlyEmbeddedPostgres implements ApplicationListener<SpringApplicationEvent> {

    private static final Logger log = LoggerFactory.getLogger(EarlyEmbeddedPostgres.class);
    private static final AtomicReference<Early> STARTED = new AtomicReference<>();
    private static final AtomicLong BEGUN = new AtomicLong();
    /** Set by Spring's AOT processor while it runs the application's main at build time. */
    private static final String AOT_PROCESSING = "spring.aot.processing";

    private record Early(DatabaseProperties settings, CompletableFuture<EmbeddedPostgresServer> server) {
    }

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            begin(prepared.getEnvironment());
        } else if (event instanceof ApplicationFailedEvent) {
            abandon();
        }
    }

    /** Starts the server for this environment's {@code dancham.db.*} settings, unless a datasource URL is set. */
    static void begin(ConfigurableEnvironment environment) {
        if (EmbeddedDatabaseAutoConfiguration.externalDatabase(environment)) {
            return;
        }
        if (Boolean.getBoolean(AOT_PROCESSING)) {
            return; // the build working out the beans ahead of time (Spring AOT): nothing will ever take a server
        }
        DatabaseProperties settings = Binder.get(environment).bindOrCreate("dancham.db", DatabaseProperties.class);
        CompletableFuture<EmbeddedPostgresServer> server = new CompletableFuture<>();
        if (!STARTED.compareAndSet(null, new Early(settings, server))) {
            return; // one already under way (a second context in the same JVM): the first one's bean takes it
        }
        BEGUN.incrementAndGet();
        Thread.ofPlatform().name("embedded-postgres-start").daemon(true).start(() -> {
            try {
                server.complete(EmbeddedPostgresServer.start(settings.dataDirectory(), settings.port(),
                        settings.databaseName(), settings.durable(), settings.serverSettings()));
            } catch (Throwable e) {
                server.completeExceptionally(e);
            }
        });
    }

    /**
     * The server started early for exactly these settings (waiting for its start to finish), or empty when none was
     * started — or one was, for other settings, and is stopped now.
     */
    static Optional<EmbeddedPostgresServer> take(DatabaseProperties settings) {
        Early early = STARTED.get();
        if (early == null) {
            return Optional.empty();
        }
        if (!early.settings().equals(settings)) {
            log.info("Embedded PostgreSQL started early for {} but the application asks for {}: stopping it",
                    early.settings(), settings);
            abandon();
            return Optional.empty();
        }
        if (!STARTED.compareAndSet(early, null)) {
            return Optional.empty();
        }
        try {
            return Optional.of(early.server().join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** How many early starts this JVM began (for tests). */
    static long begun() {
        return BEGUN.get();
    }

    /** Stops a server started here that nobody took (once its start is over). */
    static void abandon() {
        Early early = STARTED.getAndSet(null);
        if (early != null) {
            try {
                early.server().join().close();
            } catch (RuntimeException e) {
                // its start failed: nothing runs
            }
        }
    }
}
