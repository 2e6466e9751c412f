package vn.dancham.scoring.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The league tables kept ready, decoded, in this node's memory (issue 16, docs/scoring.md § 9c): a page whose table
 * did not change since this node last read it costs a map lookup instead of a database round trip and a JSON decode.
 * <p>
 * Never a table the database no longer holds as fresh: the database tells every node through {@code NOTIFY
 * league_ready} from the transaction that marks a table stale or replaces it (migration V245's triggers; delivered at
 * commit, in commit order), and this class drops those tables when the notification arrives on its own connection
 * (a dedicated one, not a pool's, listening all the time). A read that overlaps a drop is never kept: every drop
 * moves an epoch, and a table read from the database is kept only if no drop concerning it came since the read
 * began (checked after it is put, so a drop landing in between removes it). While that connection is away nothing
 * is served from memory or kept, everything is dropped, and it is opened again; then the cache fills afresh. What
 * remains is the delivery delay: on another node (or this one) a page read within the moment between a commit and
 * its notification's arrival (well under a millisecond on one host) still shows the table as it was just before the
 * commit, as a read that began just before it would; {@link #sync} waits for everything committed so far.
 * <p>
 * The table's own rules stay with the caller: the settings' fingerprint is compared at every hit, and the age rule of
 * running periods ({@link ScoreQueries#RUNNING_MAX_AGE}) is applied to what is served from here as to what is read.
 * Bounded by the number of entries held ({@code dancham.scoring.league-cache.entries}); 0 turns the cache off.
 */
public final class LeagueCache implements AutoCloseable {

    /** The channel of migration V245's triggers. */
    static final String CHANNEL = "league_ready";

    private static final Logger log = LoggerFactory.getLogger(LeagueCache.class);
    private static final String SYNC = "sync:";

    private record Key(LeaderboardTable table, Period period) {
    }

    private record Cached(long id, String settings, Leaderboard board) {
    }

    private final Cache<Key, Cached> tables;
    /** The key each table id was kept under (a table's id never changes key; a stale pair only costs a drop). */
    private final ConcurrentHashMap<Long, Key> keys = new ConcurrentHashMap<>();
    /** Moves at every drop; a read remembers it when it begins. */
    private final AtomicLong epoch = new AtomicLong();
    /** The epoch of each table's last drop, and of the last drop of everything. */
    private final ConcurrentHashMap<Long, Long> droppedAt = new ConcurrentHashMap<>();
    private final AtomicLong allDroppedAt = new AtomicLong();
    private final ConcurrentHashMap<String, CountDownLatch> syncs = new ConcurrentHashMap<>();
    private final Callable<Connection> connections;
    private final Duration retry;
    private final Thread listener;
    private final AtomicLong listens = new AtomicLong();
    private volatile boolean listening;
    /** System.nanoTime() when the listening connection last answered a round trip (its LISTEN, then each ping). */
    private volatile long heardAt;
    private final Duration ping;
    private volatile boolean closed;
    private volatile Connection current;

    /**
     * Starts listening at once on a connection of its own from {@code connections} (opened again after a loss,
     * every {@code retry}).
     *
     * @param maxEntries the most league entries held in all the tables kept (a table weighs its entries + 1)
     */
    public LeagueCache(Callable<Connection> connections, long maxEntries, Duration retry) {
        this(connections, maxEntries, retry, PING);
    }

    /**
     * A connection cut without a word (a network partition, a host gone) leaves a socket that neither fails nor
     * delivers: notifications stop while the connection still looks open. So the connection is pinged every
     * {@code ping}, the ping may take at most {@code ping} itself (the connection's network timeout; then it is
     * given up and opened again), and nothing is served from memory once the last answered ping is older than twice
     * {@code ping}: a silent cut can delay a drop by at most that, never for good.
     */
    static final Duration PING = Duration.ofSeconds(5);

    LeagueCache(Callable<Connection> connections, long maxEntries, Duration retry, Duration ping) {
        this.connections = connections;
        this.retry = retry;
        this.ping = ping;
        this.tables = Caffeine.newBuilder().maximumWeight(maxEntries)
                .weigher((Key k, Cached c) -> c.board().entries().size() + 1)
                // A running period's table is not served past this age anyway (ScoreQueries): no use keeping it.
                .expireAfterWrite(ScoreQueries.RUNNING_MAX_AGE)
                .build();
        this.listener = Thread.ofPlatform().daemon().name("league-cache-listener").unstarted(this::listen);
        listener.start();
    }

    /**
     * Whether the listening connection is open and answered a ping lately (see {@link #PING}): only then is
     * anything served from memory or kept.
     */
    public boolean listening() {
        return listening && System.nanoTime() - heardAt < 2 * ping.toNanos();
    }

    /** How many times the listening connection was opened (1 after the start; more after losses). */
    public long listens() {
        return listens.get();
    }

    /** The table kept for this key if any, when the listening connection is up. */
    Optional<Leaderboard> get(LeaderboardTable table, Period period, String settings) {
        if (!listening()) {
            return Optional.empty();
        }
        Cached c = tables.getIfPresent(new Key(table, period));
        return c != null && c.settings().equals(settings) ? Optional.of(c.board()) : Optional.empty();
    }

    /** To call before reading a table from the database: the epoch to hand to {@link #put}. */
    long begin() {
        return epoch.get();
    }

    /** Keeps a fresh table read after {@link #begin} returned {@code since}, unless a drop concerning it came since. */
    void put(long id, String settings, Leaderboard board, long since) {
        if (!listening()) {
            return;
        }
        Key key = new Key(board.table(), board.period());
        Cached value = new Cached(id, settings, board);
        keys.put(id, key);
        tables.put(key, value);
        // After the put: a drop that moved the epoch before this check is seen here; one after it finds the entry.
        if (!listening() || droppedSince(id, since)) {
            tables.asMap().remove(key, value);
        }
    }

    private boolean droppedSince(long id, long since) {
        return allDroppedAt.get() > since || droppedAt.getOrDefault(id, Long.MIN_VALUE) > since;
    }

    /** Drops these tables (by id) on this node. */
    void drop(long... ids) {
        long e = epoch.incrementAndGet();
        for (long id : ids) {
            droppedAt.put(id, e);
        }
        for (long id : ids) {
            Key key = keys.remove(id);
            if (key != null) {
                tables.invalidate(key);
            }
        }
    }

    /** Drops every table on this node. */
    void dropAll() {
        allDroppedAt.set(epoch.incrementAndGet());
        tables.invalidateAll();
        keys.clear();
    }

    /**
     * Forgets one table on this node only, as if never read (the bench's first reads). Safe at any time: a read
     * under way keeps it again only if no drop concerning it comes.
     */
    public void forget(LeaderboardTable table, Period period) {
        tables.invalidate(new Key(table, period));
    }

    /** How many tables are kept now (approximately; for tests and the bench). */
    public long size() {
        tables.cleanUp();
        return tables.estimatedSize();
    }

    /**
     * Waits until every notification committed before this call has been handled here (a notification of its own
     * through {@code dsl}, delivered after them), at most {@code timeout}: a page read after it shows every change
     * committed before it, on any node. False if the listening connection is away or the wait timed out.
     */
    public boolean sync(DSLContext dsl, Duration timeout) {
        String token = SYNC + UUID.randomUUID();
        CountDownLatch done = new CountDownLatch(1);
        syncs.put(token, done);
        try {
            dsl.execute("SELECT pg_notify(?, ?)", CHANNEL, token);
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && listening();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            syncs.remove(token);
        }
    }

    private void handle(String payload) {
        if (payload.startsWith(SYNC)) {
            CountDownLatch done = syncs.get(payload);
            if (done != null) {
                done.countDown();
            }
        } else if (payload.equals("*")) {
            dropAll();
        } else {
            try {
                String[] parts = payload.split(",");
                long[] ids = new long[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    ids[i] = Long.parseLong(parts[i].strip());
                }
                drop(ids);
            } catch (NumberFormatException e) {
                // Not ours (someone else notifying on the channel): drop everything rather than guess.
                log.warn("League cache: unexpected notification {}; every table dropped", payload);
                dropAll();
            }
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection c = connections.call()) {
                current = c;
                c.setAutoCommit(true);
                // A read that waits longer than a ping may take fails, and the connection is opened again.
                c.setNetworkTimeout(Runnable::run, Math.toIntExact(ping.toMillis()));
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                // Whatever happened while nobody listened is unknown: start from nothing.
                dropAll();
                heardAt = System.nanoTime();
                listening = true;
                listens.incrementAndGet();
                long pinged = System.nanoTime();
                while (!closed) {
                    PGNotification[] received = pg.getNotifications(200);
                    if (received != null) {
                        for (PGNotification n : received) {
                            handle(n.getParameter());
                        }
                    }
                    // A connection lost without a word (a network cut) shows only when something is sent on it.
                    if (System.nanoTime() - pinged > ping.toNanos()) {
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                        // What arrived with the answer (held back by a stalled network, say) is handled before the
                        // connection counts as heard again: no table is served whose drop is already here.
                        PGNotification[] arrived = pg.getNotifications();
                        if (arrived != null) {
                            for (PGNotification n : arrived) {
                                handle(n.getParameter());
                            }
                        }
                        pinged = System.nanoTime();
                        heardAt = pinged;
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    log.warn("League cache: listening connection lost ({}); pages read from the database until it "
                            + "is back", e.toString());
                }
            } finally {
                listening = false;
                current = null;
                dropAll();
            }
            if (!closed) {
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        listening = false;
        listener.interrupt();
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        try {
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropAll();
    }
}
