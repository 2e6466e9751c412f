package vn.dancham.ivr.hotline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.ivr.journal.Outages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps callers from waiting on a database that is not there. Each database call of the flow runs here: it gets
 * {@code timeout} to answer (a stopped server is refused at once, but an unreachable one can hang for as long as
 * the pool's connection timeout); the first outage marks the database down, and from then on calls are not even
 * tried (the flow serves the caller without them) until a probe in the background finds the database again, at
 * most every {@code retryAfter}. So during an outage at most the callers caught in its first seconds wait, for
 * {@code timeout} once; everybody else goes on at once.
 * <p>
 * A call abandoned after its timeout may still finish in the database later: that is why every answer carries an
 * answer key, and why the journal's replay of it stores nothing twice.
 */
final class DatabaseGuard {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGuard.class);

    private final Duration timeout;
    private final Duration retryAfter;
    private final Clock clock;
    private final Runnable probe;
    /**
     * Where the timed database calls run. Every call of every caller comes through here, so on a JDK where the calls
     * themselves are virtual threads (see HotlineAgiServer) these are too: a burst of 2,000 callers must not become
     * 2,000 platform threads. Older JDKs keep a cached platform pool, as the server does.
     */
    private final ExecutorService executor = Runtime.version().feature() >= 24
            ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hotline-db-", 0).factory())
            : Executors.newCachedThreadPool(Thread.ofPlatform().name("hotline-db-", 0).daemon(true).factory());
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Instant downSince;
    /** System.nanoTime() of the last probe: monotonic, and independent of the flow's (maybe fixed) clock. */
    private volatile long lastProbe;

    DatabaseGuard(Duration timeout, Duration retryAfter, Clock clock, Runnable probe) {
        this.timeout = timeout;
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.probe = probe;
    }

    /** What a database call gave: its value, or why there is none ({@code problem}). */
    record Reply<T>(T value, String problem) {

        boolean ok() {
            return problem == null;
        }

        static <T> Reply<T> of(T value) {
            return new Reply<>(value, null);
        }

        static <T> Reply<T> none(String problem) {
            return new Reply<>(null, problem);
        }
    }

    boolean down() {
        return downSince != null;
    }

    /**
     * Runs {@code action} against the database. A failure or timeout is a reply without a value; it marks the
     * database down when it looks like an outage (not for a refusal such as a constraint or a bug).
     */
    <T> Reply<T> call(String what, Supplier<T> action) {
        if (downSince != null) {
            probeInBackground();
            return Reply.none("database down since " + downSince);
        }
        Future<T> future = executor.submit(action::get);
        try {
            return Reply.of(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            // Not cancelled: interrupting a JDBC call can break its connection; it ends by itself.
            markDown(what, "no answer within " + timeout);
            return Reply.none("timeout after " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (Outages.isOutage(cause)) {
                markDown(what, cause.toString());
            } else {
                log.error("Database refused {}", what, cause);
            }
            return Reply.none(cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.none("interrupted");
        }
    }

    /** Runs {@code action}, ignoring its result. */
    Reply<Boolean> run(String what, Runnable action) {
        return call(what, () -> {
            action.run();
            return Boolean.TRUE;
        });
    }

    private void markDown(String what, String why) {
        if (downSince == null) {
            downSince = clock.instant();
            lastProbe = System.nanoTime();
            log.error("Database unavailable ({}: {}); the hotline serves callers without it and keeps their answers "
                    + "in the journal", what, why);
        }
    }

    private void probeInBackground() {
        if (System.nanoTime() - lastProbe < retryAfter.toNanos()) {
            return;
        }
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        lastProbe = System.nanoTime();
        executor.execute(() -> {
            try {
                probe.run();
                Instant since = downSince;
                downSince = null;
                if (since != null) {
                    log.info("Database reachable again (down since {})", since);
                }
            } catch (RuntimeException e) {
                log.debug("Database still unavailable: {}", e.toString());
            } finally {
                lastProbe = System.nanoTime();
                probing.set(false);
            }
        });
    }
}
