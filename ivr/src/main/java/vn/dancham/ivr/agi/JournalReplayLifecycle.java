package vn.dancham.ivr.agi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vn.dancham.ivr.journal.JournalReplayer;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replays the answer journal at startup and then every interval, on one thread of its own (not Quartz: the journal
 * is this node's local disk, and Quartz itself needs the database).
 */
final class JournalReplayLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JournalReplayLifecycle.class);

    private final JournalReplayer replayer;
    private final Duration interval;
    private volatile ScheduledExecutorService scheduler;

    JournalReplayLifecycle(JournalReplayer replayer, Duration interval) {
        this.replayer = replayer;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "journal-replay");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::replay, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    private void replay() {
        try {
            replayer.replayNow();
        } catch (RuntimeException e) {
            // e.g. the journal's disk: logged, and tried again at the next interval
            log.error("Journal replay failed", e);
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
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
