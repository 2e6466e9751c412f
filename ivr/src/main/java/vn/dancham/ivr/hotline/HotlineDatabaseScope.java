package vn.dancham.ivr.hotline;

import java.util.function.Supplier;

/**
 * Marks the database work done on a caller's time: while a thread is inside {@link #call}, the connections it takes
 * come from the hotline's own pool, whose time limits (pool wait, connect, socket, statement and lock timeouts) are
 * the hotline's database settings rather than the application's (a page, an import or the nightly job may take
 * longer than a caller should wait). The {@link DatabaseGuard} runs every database call of the flow inside it;
 * the application's DataSource reads {@link #active()} to choose the pool (see {@code ivr/agi/HotlineDataSource}).
 * <p>
 * A thread-local like Spring's own transaction binding: the flow runs each call on one thread, start to end.
 */
public final class HotlineDatabaseScope {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private HotlineDatabaseScope() {
    }

    /** True on a thread doing the hotline's database work. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }

    /** Runs {@code work} as the hotline's database work (nested calls stay inside the outer one). */
    public static <T> T call(Supplier<T> work) {
        if (active()) {
            return work.get();
        }
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            ACTIVE.remove();
        }
    }
}
