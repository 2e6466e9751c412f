package vn.dancham.ivr.agi;

import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The listening socket, bound before the accept loop starts so that the real port is known at once. */
final class BoundedServerSocket implements ServerSocketFacade {

    private static final int BACKLOG = 200;

    private final ServerSocket serverSocket;
    private final AgiLimits limits;
    private final Set<BoundedConnection> open = ConcurrentHashMap.newKeySet();

    BoundedServerSocket(InetAddress address, int port, AgiLimits limits) throws IOException {
        this.limits = limits;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(address, port), BACKLOG);
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
        // Timeouts are ours (AgiLimits): a short one for the environment, a long one per command.
    }
}
