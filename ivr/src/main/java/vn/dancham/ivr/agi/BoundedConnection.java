package vn.dancham.ivr.agi;

import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One FastAGI connection with bounded reads: a line longer than the limit, too many environment lines, an
 * environment that does not arrive in time, or a reply that does not come within the command timeout closes the
 * connection instead of growing a buffer or holding a thread. Asterisk-Java's own reader would read any line whole.
 * <p>
 * Nothing is read with a socket timeout: the request timeout (the whole environment) and the command timeout (each
 * reply) are kept by {@link BoundedServerSocket}'s sweep ({@link #closeIfStalled}). On a virtual thread every read
 * with a socket timeout that has to wait schedules a timer and cancels it when the reply comes, each waking the JDK's
 * timer thread; with ~32 replies a call that was about a sixth of the application's CPU under the hotline benchmark
 * (issue 16, bench/results/2026-12-03-agi-untimed-reads.md), for a limit of hours that almost never fires. On a
 * platform thread one timed read is enough to turn the JDK's socket non-blocking for good: every later read that has
 * to wait is then a read that fails, a poll and a second read, where a socket that was never timed waits in one
 * read (issue 16's profile of the hotline on platform threads: the poll was three fifths of the time in replies).
 */
final class BoundedConnection implements SocketConnectionFacade {

    private static final Logger log = LoggerFactory.getLogger(BoundedConnection.class);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final AgiLimits limits;
    private final Set<BoundedConnection> open;
    private boolean inEnvironment = true;
    private int environmentLines;
    private boolean lastWasHangup;
    /** System.nanoTime() (never 0) when the connection was accepted; 0 once its environment has been read. */
    private volatile long environmentSince;
    /** System.nanoTime() (never 0) when the wait for Asterisk's current reply began; 0 while not waiting for one. */
    private volatile long waitingSince;

    BoundedConnection(Socket socket, AgiLimits limits, Set<BoundedConnection> open) throws IOException {
        this.socket = socket;
        this.limits = limits;
        this.open = open;
        this.environmentSince = System.nanoTime() | 1;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 4096);
        this.out = socket.getOutputStream();
        open.add(this);
    }

    @Override
    public String readLine() throws IOException {
        if (!inEnvironment) {
            waitingSince = System.nanoTime() | 1;
        }
        try {
            return readReplyOrEnvironmentLine();
        } finally {
            waitingSince = 0;
        }
    }

    private String readReplyOrEnvironmentLine() throws IOException {
        while (true) {
            String line = readBoundedLine();
            if (line == null) {
                return null;
            }
            if (inEnvironment) {
                if (line.isEmpty()) {
                    inEnvironment = false;
                    environmentSince = 0;
                } else if (++environmentLines > limits.maxEnvironmentLines()) {
                    throw new IOException("More than " + limits.maxEnvironmentLines() + " AGI environment lines");
                }
                return line;
            }
            // Asterisk announces a hangup with a HANGUP line before the 511s; one is enough (the library recurses
            // on each, so a flood of them must not reach it).
            boolean hangup = line.equals("HANGUP");
            if (hangup && lastWasHangup) {
                continue;
            }
            lastWasHangup = hangup;
            return line;
        }
    }

    private String readBoundedLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return decode(line);
            }
            if (line.size() >= limits.maxLineLength()) {
                throw new IOException("AGI line longer than " + limits.maxLineLength() + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : decode(line);
    }

    private static String decode(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Closes the connection when its environment has not arrived within the request timeout, or when Asterisk has
     * owed a reply for longer than the command timeout, at {@code now} (a System.nanoTime()): the call's read fails as
     * on a network failure, and the call ends as a hangup.
     *
     * @return whether it was closed
     */
    boolean closeIfStalled(long now) {
        long connected = environmentSince;
        long since = waitingSince;
        if (connected != 0 && now - connected > limits.requestTimeout().toNanos()) {
            log.warn("Closing the FastAGI connection from {}: no complete AGI request within {} (dancham.ivr.request-timeout)",
                    socket.getRemoteSocketAddress(), limits.requestTimeout());
        } else if (since != 0 && now - since > limits.commandTimeout().toNanos()) {
            log.warn("Closing the FastAGI connection from {}: no reply from Asterisk for over {} (dancham.ivr.command-timeout)",
                    socket.getRemoteSocketAddress(), limits.commandTimeout());
        } else {
            return false;
        }
        try {
            close();
        } catch (IOException e) {
            log.debug("Closing a stalled FastAGI connection: {}", e.toString());
        }
        return true;
    }

    @Override
    public void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        open.remove(this);
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected() && !socket.isClosed();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
