package vn.dancham.ivr.hotline;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.ivr.journal.Outages;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps callers from waiting on a database that is not there. Every database call of the flow runs here, on the
 * caller's own thread, inside {@link HotlineDatabaseScope}: its time limits are the hotline's database settings
 * (the connection pool's wait, the driver's connect and socket timeouts, PostgreSQL's {@code statement_timeout} and
 * {@code lock_timeout}; see docs/ivr.md, "Database outage"), so no thread is started to time it.
 * <p>
 * In front of the calls sits a circuit breaker (Resilience4j): the first failure that looks like an outage opens
 * it, and from then on calls are not even tried (the flow serves the caller without them). After
 * {@code retryAfter} a probe in the background takes the breaker's one trial and closes it when the database
 * answers; callers never make the trial, so during an outage only the callers caught in its first moments wait,
 * once, for as long as the time limits allow; everybody else goes on at once.
 * <p>
 * A call that failed on the caller's side may still have been done by the database (a lost reply): that is why every
 * answer carries an answer key, and why the journal's replay of it stores nothing twice.
 */
final class DatabaseGuard {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGuard.class);

    private final CircuitBreaker breaker;
    private final Runnable probe;
    /** Whether "database unavailable" was said and "reachable again" not yet: each is said once per outage. */
    private final AtomicBoolean saidDown = new AtomicBoolean();

    DatabaseGuard(Duration retryAfter, Runnable probe) {
        this.probe = probe;
        this.breaker = CircuitBreaker.of("hotline-database", CircuitBreakerConfig.custom()
                // One call decides: the first outage opens it (a window of one call, all of it failed).
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                // A refusal (a constraint, a bug) is the database answering: it does not open the breaker.
                .recordException(Outages::isOutage)
                .waitDurationInOpenState(retryAfter.isZero() ? Duration.ofMillis(1) : retryAfter)
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .build());
        // The state changes are logged where they happen (a caller's failure, the probe's answer) rather than by a
        // listener on the breaker's event publisher: with any listener registered, Resilience4j makes and
        // dispatches an event object for every call's success (issue 16's profile); without one it makes none.
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
        return breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    /**
     * Runs {@code action} against the database. A failure (the time limits included) is a reply without a value; it
     * opens the breaker when it looks like an outage (not for a refusal such as a constraint or a bug).
     */
    <T> Reply<T> call(String what, Supplier<T> action) {
        // Only the probe makes the trial of a half-open breaker: a caller asks nothing while it is not closed.
        if (down() || !breaker.tryAcquirePermission()) {
            probeInBackground();
            return Reply.none("database unavailable (" + breaker.getState() + ")");
        }
        long start = System.nanoTime();
        try {
            T value = HotlineDatabaseScope.call(action);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return Reply.of(value);
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            sayIfDown();
            if (Outages.isOutage(e)) {
                log.warn("Database unavailable for {}: {}", what, e.toString());
            } else {
                log.error("Database refused {}", what, e);
            }
            return Reply.none(e.toString());
        }
    }

    /** Runs {@code action}, ignoring its result. */
    Reply<Boolean> run(String what, Runnable action) {
        return call(what, () -> {
            action.run();
            return Boolean.TRUE;
        });
    }

    /** The first failure that opened the breaker says so, once. */
    private void sayIfDown() {
        if (breaker.getState() == CircuitBreaker.State.OPEN && saidDown.compareAndSet(false, true)) {
            log.error("Database unavailable; the hotline serves callers without it and keeps their answers in the "
                    + "journal");
        }
    }

    /**
     * Makes the open breaker's trial in the background once {@code retryAfter} has passed (before that, or while a
     * trial runs, the breaker permits nothing and this returns at once).
     */
    private void probeInBackground() {
        if (!breaker.tryAcquirePermission()) {
            return;
        }
        Thread.ofPlatform().name("hotline-db-probe").daemon(true).start(() -> {
            long start = System.nanoTime();
            try {
                HotlineDatabaseScope.call(() -> {
                    probe.run();
                    return null;
                });
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (breaker.getState() == CircuitBreaker.State.CLOSED && saidDown.compareAndSet(true, false)) {
                    log.info("Database reachable again");
                }
            } catch (RuntimeException e) {
                log.debug("Database still unavailable: {}", e.toString());
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            }
        });
    }
}
