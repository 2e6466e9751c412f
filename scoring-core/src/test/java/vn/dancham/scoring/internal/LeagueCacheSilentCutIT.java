package vn.dancham.scoring.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.db.test.TestDatabase;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The league cache's listening connection cut without a word (a network partition: the socket stays open, nothing
 * arrives): pages stop being served from memory within twice the ping interval, and the connection is opened again
 * once the network is back. Before, the cache kept serving what it held for as long as the cut lasted, drops and
 * all missed (issue 16's note: "the listener connection has no socket timeout").
 */
class LeagueCacheSilentCutIT {

    static final Duration PING = Duration.ofMillis(400);

    TestDatabase db;
    StallingProxy proxy;
    LeagueCache cache;

    @BeforeEach
    void setUp() throws IOException {
        db = TestDatabase.fresh();
        URI url = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        proxy = new StallingProxy(url.getPort());
        String throughProxy = db.jdbcUrl().replace(":" + url.getPort() + "/", ":" + proxy.port() + "/");
        Properties props = new Properties();
        props.setProperty("user", db.dataSource().getUsername());
        cache = new LeagueCache(() -> DriverManager.getConnection(throughProxy, props), 10_000, Duration.ofMillis(100),
                PING);
    }

    @AfterEach
    void tearDown() throws IOException {
        cache.close();
        proxy.close();
        db.close();
    }

    @Test
    void aConnectionThatGoesSilentStopsServingAndIsOpenedAgainWhenTheNetworkIsBack() throws Exception {
        await(cache::listening, Duration.ofSeconds(10));
        Period month = Period.month(YearMonth.of(2026, 11));
        Leaderboard board = new Leaderboard(LeaderboardTable.fields(), month, null, null, List.of(), Instant.now());
        cache.put(7, "settings", board, cache.begin());
        assertThat(cache.get(LeaderboardTable.fields(), month, "settings")).contains(board);

        proxy.stall(true);
        long cut = System.nanoTime();
        await(() -> !cache.listening(), Duration.ofSeconds(5));
        // Not served once the last answered ping is older than two intervals (plus the loop's own 200 ms wait).
        assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(PING.multipliedBy(2).plusMillis(900));
        assertThat(cache.get(LeaderboardTable.fields(), month, "settings")).isEmpty();
        long opened = cache.listens();

        proxy.stall(false);
        await(() -> cache.listening() && cache.listens() > opened, Duration.ofSeconds(10));
        // A new connection starts from nothing: what was held before the cut is gone.
        assertThat(cache.get(LeaderboardTable.fields(), month, "settings")).isEmpty();
        cache.put(7, "settings", board, cache.begin());
        assertThat(cache.get(LeaderboardTable.fields(), month, "settings")).contains(board);
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration atMost)
            throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + atMost);
            }
            Thread.sleep(20);
        }
    }

    /** A TCP proxy to PostgreSQL that can stop passing bytes without closing anything, as a cut network does. */
    static final class StallingProxy implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final int target;
        private volatile boolean stalled;

        StallingProxy(int target) throws IOException {
            this.target = target;
            Thread.ofPlatform().daemon().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        void stall(boolean on) {
            stalled = on;
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    Thread.ofPlatform().daemon().start(() -> pump(client, upstream));
                    Thread.ofPlatform().daemon().start(() -> pump(upstream, client));
                }
            } catch (IOException closed) {
                // the proxy is closed
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (stalled) {
                        Thread.sleep(10);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed
            } finally {
                close(from);
                close(to);
            }
        }

        private static void close(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            sockets.forEach(StallingProxy::close);
        }
    }
}
