package vn.dancham.ivr.agi;

import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listening socket, bound before the accept loop starts so that the real port is known at once; and the sweep
 * that keeps the request and command timeouts of its connections (they read without a socket timeout, see
 * {@link BoundedConnection}).
 */
final class BoundedServerSocket implements ServerSocketFacade {

    private static final int BACKLOG = 200;
    private static final Duration LONGEST_SWEEP = Duration.ofSeconds(30);
    private static final Duration SHORTEST_SWEEP = Duration.ofMillis(100);

    private final ServerSocket serverSocket;
    private final AgiLimits limits;
    private final Set<BoundedConnection> open = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;

    BoundedServerSocket(InetAddress address, int port, AgiLimits limits) throws IOException {
        this.limits = limits;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(address, port), BACKLOG);
        this.sweeper = Thread.ofPlatform().name("agi-stall-sweep").daemon(true).start(this::sweepUntilClosed);
    }

    /**
     * How often stalled connections are looked for: an eighth of the command timeout or a quarter of the request
     * timeout, whichever is shorter (a connection is closed between its timeout and that much later), at most 30 s,
     * at least 100 ms.
     */
    static Duration sweepInterval(Duration requestTimeout, Duration commandTimeout) {
        Duration eighth = commandTimeout.dividedBy(8);
        Duration quarter = requestTimeout.dividedBy(4);
        Duration shorter = quarter.compareTo(eighth) < 0 ? quarter : eighth;
        return shorter.compareTo(LONGEST_SWEEP) > 0 ? LONGEST_SWEEP
                : shorter.compareTo(SHORTEST_SWEEP) < 0 ? SHORTEST_SWEEP : shorter;
    }

    private void sweepUntilClosed() {
        long interval = sweepInterval(limits.requestTimeout(), limits.commandTimeout()).toMillis();
        while (!serverSocket.isClosed()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            sweep(System.nanoTime());
        }
    }

    /** Closes the connections whose reply is overdue at {@code now}; how many. */
    int sweep(long now) {
        int closed = 0;
        for (BoundedConnection c : open) {
            if (c.closeIfStalled(now)) {
                closed++;
            }
        }
        return closed;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
        while (true) {
            Socket socket = serverSocket.accept();
            try {
                return new BoundedConnection(socket, limits, open);
            } catch (IOException e) {
                socket.close(); // a client gone before we could set it up: keep accepting the others
            }
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        sweeper.interrupt();
    }

    /** Closes the connections of calls still in progress (their flows see a hangup and close their rows). */
    void closeOpenConnections() {
        for (BoundedConnection c : List.copyOf(open)) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    int openConnections() {
        return open.size();
    }

    @Override
    public void setSocketReadTimeout(int socketReadTimeout) {
        // Timeouts are ours (AgiLimits): a short one for the environment, a long one per command (the sweep).
    }
}
