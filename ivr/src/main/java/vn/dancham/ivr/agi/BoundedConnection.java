package vn.dancham.ivr.agi;

import org.asteriskjava.util.SocketConnectionFacade;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One FastAGI connection with bounded reads: a line longer than the limit, too many environment lines, or an
 * environment that does not arrive in time closes the connection instead of growing a buffer or holding a thread.
 * Asterisk-Java's own reader would read any line whole.
 */
final class BoundedConnection implements SocketConnectionFacade {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final AgiLimits limits;
    private final Set<BoundedConnection> open;
    private boolean inEnvironment = true;
    private int environmentLines;
    private boolean lastWasHangup;
    private final byte[] buffer = new byte[4096];
    /** The unread bytes of {@link #buffer}: from {@code pos} to {@code limit}. */
    private int pos;
    private int limit;

    BoundedConnection(Socket socket, AgiLimits limits, Set<BoundedConnection> open) throws IOException {
        this.socket = socket;
        this.limits = limits;
        this.open = open;
        socket.setSoTimeout(Math.toIntExact(limits.requestTimeout().toMillis()));
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        open.add(this);
    }

    @Override
    public String readLine() throws IOException {
        while (true) {
            String line = readBoundedLine();
            if (line == null) {
                return null;
            }
            if (inEnvironment) {
                if (line.isEmpty()) {
                    inEnvironment = false;
                    socket.setSoTimeout(Math.toIntExact(limits.commandTimeout().toMillis()));
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

    /**
     * A line from our own buffer: the socket is read a buffer at a time and each line decoded once from it, instead
     * of a byte at a time through {@link java.io.BufferedInputStream}'s lock into a {@link ByteArrayOutputStream}
     * (two to three AGI lines per command; issue 16's profile). The bound is the same: a line longer than the limit
     * closes the connection.
     */
    private String readBoundedLine() throws IOException {
        ByteArrayOutputStream spill = null; // a line split over two reads (rare: replies are a few dozen bytes)
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buffer[i] == '\n') {
                    if (i - pos + (spill == null ? 0 : spill.size()) > limits.maxLineLength()) {
                        throw new IOException("AGI line longer than " + limits.maxLineLength() + " bytes");
                    }
                    String line = spill == null ? decode(buffer, pos, i - pos) : finish(spill, pos, i - pos);
                    pos = i + 1;
                    return line;
                }
            }
            int pending = limit - pos + (spill == null ? 0 : spill.size());
            if (pending > limits.maxLineLength()) {
                throw new IOException("AGI line longer than " + limits.maxLineLength() + " bytes");
            }
            if (limit > pos) {
                if (spill == null) {
                    spill = new ByteArrayOutputStream(Math.max(128, 2 * (limit - pos)));
                }
                spill.write(buffer, pos, limit - pos);
            }
            pos = 0;
            limit = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n == -1) {
                return spill == null || spill.size() == 0 ? null : decode(spill.toByteArray(), 0, spill.size());
            }
            limit = n;
        }
    }

    private String finish(ByteArrayOutputStream spill, int from, int length) {
        spill.write(buffer, from, length);
        return decode(spill.toByteArray(), 0, spill.size());
    }

    private static String decode(byte[] bytes, int from, int length) {
        int end = length > 0 && bytes[from + length - 1] == '\r' ? length - 1 : length;
        return new String(bytes, from, end, StandardCharsets.UTF_8);
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
