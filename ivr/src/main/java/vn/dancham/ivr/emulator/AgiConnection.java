package vn.dancham.ivr.emulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Asterisk's end of one FastAGI connection: the socket, read line by line. {@link AsteriskEmulator} plays whole
 * calls over it; tests use the raw methods to send what no Asterisk would (half environments, garbage) and to see
 * whether the server dropped them. Every read has the timeout given at connect (zero: none), so a test never hangs.
 */
public final class AgiConnection implements Closeable {

    /** Asterisk's answer to a command on a hung-up channel, as res_agi.c writes it. */
    public static final String DEAD_CHANNEL = "511 Command Not Permitted on a dead channel or intercept routine";
    /** A command line longer than this is not a FastAGI server talking: the connection is given up. */
    static final int MAX_LINE = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> transcript = new CopyOnWriteArrayList<>();

    private AgiConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 4096);
        this.out = socket.getOutputStream();
    }

    /** Connects as Asterisk does when the dialplan runs {@code AGI(agi://host:port/...)}. */
    public static AgiConnection connect(InetSocketAddress server, Duration connectTimeout, Duration readTimeout) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            return new AgiConnection(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("Cannot reach the FastAGI server at " + server, e);
        }
    }

    public static AgiConnection connect(String host, int port, Duration readTimeout) {
        return connect(new InetSocketAddress(host, port), Duration.ofSeconds(10), readTimeout);
    }

    /** Sends the environment: one {@code key: value} line each, then the blank line. */
    public void sendEnvironment(Map<String, String> env) {
        send(AgiEnvironment.text(env));
    }

    /**
     * The next command line; null when the server closed the connection or reset it.
     *
     * @throws UncheckedIOException with a {@link SocketTimeoutException} when nothing came within the read timeout
     */
    public String readCommand() {
        try {
            return nextCommand();
        } catch (SocketTimeoutException e) {
            throw new UncheckedIOException("The FastAGI server sent nothing for too long; last commands: "
                    + transcript.subList(Math.max(0, transcript.size() - 5), transcript.size()), e);
        } catch (IOException e) {
            return null;
        }
    }

    /** As {@link #readCommand()}, but null also when nothing came within the read timeout. */
    public String pollCommand() {
        try {
            return nextCommand();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code 200 result=<result>}. */
    public void reply(int result) {
        send("200 result=" + result + "\n");
    }

    /** {@code 200 result=<result> (<extra>)}. */
    public void reply(int result, String extra) {
        send("200 result=" + result + " (" + extra + ")\n");
    }

    /** As STREAM FILE and RECORD FILE answer: with the end position in samples. */
    public void reply(int result, String extra, long endpos) {
        send("200 result=" + result + (extra == null ? "" : " (" + extra + ")") + " endpos=" + endpos + "\n");
    }

    /** {@code 511}: the channel is gone. */
    public void replyDead() {
        send(DEAD_CHANNEL + "\n");
    }

    /** Writes raw text. */
    public void send(String text) {
        try {
            write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what a hostile or broken client would; false when the server had already dropped the connection. */
    public boolean trySend(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True once the server has closed the connection (EOF or reset), false if still open at the read timeout. */
    public boolean closedByServer() {
        try {
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Every command received so far, in order. */
    public List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** Drops the connection; safe from another thread (a blocked read then ends). */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line without its end; null at EOF; a timeout or reset is thrown. */
    String nextCommand() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new IOException("command line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        s = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        transcript.add(s);
        return s;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
