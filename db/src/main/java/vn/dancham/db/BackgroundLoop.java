package vn.dancham.db;

import org.slf4j.Logger;

import java.time.Duration;

/**
 * The thread of a node's background writer (the rating inbox's, the harassment reports' incident opener): runs its
 * pass again and again until stopped; when a pass throws (the database away) it waits {@code retryAfter} and tries
 * again, saying so once in the log rather than at every try, and once more when the work goes through again.
 */
public final class BackgroundLoop {

    /**
     * The lifecycle phase of the beans that run one: started after the application's other beans (the database,
     * Flyway, the listeners their passes publish to) and stopped before them, after the hotline (a later phase) has
     * stopped taking calls.
     */
    public static final int PHASE = Integer.MAX_VALUE - 2000;

    /** One pass: the work, then the wait for more (a signal or a poll). */
    @FunctionalInterface
    public interface Pass {
        void run() throws InterruptedException;
    }

    private final String threadName;
    private final Logger log;
    private final String failing;
    private final String recovered;
    private final Duration retryAfter;
    private final Pass pass;
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param failing   logged (WARN, with the failure appended) at the first pass that fails
     * @param recovered logged (INFO) at the first pass that goes through after failing ones
     */
    public BackgroundLoop(String threadName, Logger log, String failing, String recovered, Duration retryAfter,
                          Pass pass) {
        this.threadName = threadName;
        this.log = log;
        this.failing = failing;
        this.recovered = recovered;
        this.retryAfter = retryAfter;
        this.pass = pass;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::loop);
    }

    /**
     * The loop ends after the pass it is in, {@code wake} cutting that pass's wait short; false when it had not ended
     * within {@code wait}.
     */
    public boolean stop(Runnable wake, Duration wait) throws InterruptedException {
        running = false;
        wake.run();
        Thread t = thread;
        return t == null || t.join(wait);
    }

    /** Ends the loop now: a pass waiting (or in the database) is interrupted. */
    public void interrupt() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    public boolean running() {
        return running;
    }

    private void loop() {
        boolean failed = false;
        while (running) {
            try {
                pass.run();
                if (failed) {
                    log.info(recovered);
                    failed = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!failed) {
                    log.warn("{}: {}", failing, e.toString());
                    failed = true;
                } else {
                    log.debug("{} (still): {}", failing, e.toString());
                }
                try {
                    Thread.sleep(retryAfter);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
