package vn.dancham.ivr.agi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A node's own repeating task on one thread of its own, started and stopped with the application (not Quartz: these
 * tasks are about this node — its journal on its local disk, its calls in progress — and Quartz itself needs the
 * database). A failure of one run is logged and the next run tries again; stopping waits for a run under way.
 */
final class NodeTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeTimer.class);

    private final String name;
    private final Runnable task;
    private final Duration first;
    private final Duration every;
    private final int phase;
    /** Runs the task once more when stopped, after a run under way (what is waiting on the node is not left). */
    private final boolean lastRunAtStop;
    private volatile ScheduledExecutorService scheduler;

    /**
     * @param name  the thread's name, and what the log says failed
     * @param first how long after the start the first run comes
     * @param every the pause between the end of a run and the next
     * @param phase the lifecycle phase: started after the lower ones, stopped before them
     * @param lastRunAtStop whether stopping runs the task once more
     */
    NodeTimer(String name, Runnable task, Duration first, Duration every, int phase, boolean lastRunAtStop) {
        this.name = name;
        this.task = task;
        this.first = first;
        this.every = every;
        this.phase = phase;
        this.lastRunAtStop = lastRunAtStop;
    }

    /** Replays the answer journal at start-up and then every interval. */
    static NodeTimer journalReplay(Runnable replay, Duration interval) {
        return new NodeTimer("journal-replay", replay, Duration.ZERO, interval, SmartLifecycle.DEFAULT_PHASE, false);
    }

    /**
     * Writes the node's call log a few times a second: the rows of calls in progress that have lasted a second
     * without writing anything (the dashboards' calls in progress come from those rows), and the ends of the calls
     * that ended. Started before the FastAGI server and stopped after it, with a last run then: the ends of the calls
     * the server's stop let finish are written, before the database's pool goes.
     */
    static NodeTimer callLog(Runnable write, Duration every) {
        return new NodeTimer("hotline-call-log", write, every, every, SmartLifecycle.DEFAULT_PHASE - 1001, true);
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon(true).factory());
        s.scheduleWithFixedDelay(this::run, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    private void run() {
        try {
            task.run();
        } catch (RuntimeException e) {
            // e.g. the journal's disk: logged, and tried again at the next run (database outages are handled inside)
            log.error("{} failed", name, e);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (lastRunAtStop) {
                run();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
