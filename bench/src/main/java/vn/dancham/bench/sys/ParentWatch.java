package vn.dancham.bench.sys;

import java.io.IOException;

/**
 * Ends a helper JVM the harness started (the bare FastAGI server, the bare PostgreSQL) when the harness is gone.
 *
 * <p>Why: the harness closes its helpers when it ends normally, but a harness stopped by a signal left its bare
 * server running, idle, beside the next runs on the same machine (bench/results/2026-12-04-rare-jobs-…: 32 minutes,
 * through three runs). A helper's standard input is a pipe from the harness; it ends when the harness does.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    /** Starts a daemon thread that runs {@code onGone} once standard input reaches its end, then exits the JVM. */
    public static void exitWhenStdinCloses(Runnable onGone) {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the harness writes nothing; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe is the harness gone too
            }
            try {
                onGone.run();
            } finally {
                Runtime.getRuntime().halt(0);
            }
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
