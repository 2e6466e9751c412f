package vn.dancham.ivr.testing;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test client that speaks FastAGI exactly as Asterisk's res_agi does, byte for byte, written independently of
 * the application's own code (so it checks it rather than agreeing with it): the {@code agi_*} environment and a
 * blank line, then one reply per command — {@code 200 result=N [(extra)] [endpos=N]}, {@code 510}/{@code 520}
 * for bad commands, {@code 511} once the channel is hung up — and EOF when the channel goes away.
 * <p>
 * Low level: {@link #readCommand()} and the {@code reply*} methods. For whole calls, see {@link AgiTestCall}.
 * Every read has a timeout, so a test can never hang.
 */
public final class AgiTestClient implements Closeable {

    /** Asterisk's 511 line, as res_agi.c writes it. */
    public static final String DEAD_CHANNEL = "511 Command Not Permitted on a dead channel or intercept routine";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> transcript = new ArrayList<>();

    private AgiTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects as Asterisk does when the dialplan runs {@code AGI(agi://host:port/...)}. */
    public static AgiTestClient connect(String host, int port, Duration readTimeout) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            return new AgiTestClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment Asterisk 20 sends for {@code AGI(agi://host/<script>)} on an incoming PJSIP call, in its
     * order. Change or remove entries in the returned map to test malformed requests.
     */
    public static Map<String, String> environment(String script, String uniqueId, String callerNumber) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("agi_network", "yes");
        env.put("agi_network_script", script);
        env.put("agi_request", "agi://127.0.0.1/" + script);
        env.put("agi_channel", "PJSIP/trunk-" + uniqueId.replace('.', '-'));
        env.put("agi_language", "vi");
        env.put("agi_type", "PJSIP");
        env.put("agi_uniqueid", uniqueId);
        env.put("agi_version", "20.5.0");
        env.put("agi_callerid", callerNumber == null ? "unknown" : callerNumber);
        env.put("agi_calleridname", "unknown");
        env.put("agi_callingpres", "0");
        env.put("agi_callingani2", "0");
        env.put("agi_callington", "0");
        env.put("agi_callingtns", "0");
        env.put("agi_dnid", "1022");
        env.put("agi_rdnis", "unknown");
        env.put("agi_context", "dancham-hotline");
        env.put("agi_extension", "1022");
        env.put("agi_priority", "3");
        env.put("agi_enhanced", "0.0");
        env.put("agi_accountcode", "");
        env.put("agi_threadid", "140234567890");
        return env;
    }

    /** Sends the environment: one {@code key: value} line each, then the blank line. */
    public void sendEnvironment(Map<String, String> env) {
        StringBuilder s = new StringBuilder();
        env.forEach((k, v) -> s.append(k).append(": ").append(v).append('\n'));
        s.append('\n');
        send(s.toString());
    }

    /** The next command line from the server; null when the server closed the connection. */
    public String readCommand() {
        String line = readLine();
        if (line != null) {
            transcript.add(line);
        }
        return line;
    }

    /**
     * The next command, or null when the server closed the connection or sent nothing within the read timeout
     * (e.g. after a deliberately incomplete reply the server is still waiting for).
     */
    public String pollCommand() {
        try {
            return readCommand();
        } catch (AssertionError timeout) {
            return null;
        }
    }

    public void reply(int result) {
        send("200 result=" + result + "\n");
    }

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

    /** Writes raw text (garbage, oversized lines, partial environments). */
    public void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * True once the server has closed the connection (EOF, or a reset), false if it is still open when the read
     * timeout ends.
     */
    public boolean closedByServer() {
        try {
            while (true) {
                int b = in.read();
                if (b == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /**
     * Writes what a hostile or broken client would; false when the server had already dropped the connection
     * part-way (which is what it should do with such input).
     */
    public boolean trySend(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every command received so far, in order. */
    public List<String> transcript() {
        return List.copyOf(transcript);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The FastAGI server sent nothing for too long; last commands: " + transcript, e);
        } catch (IOException e) {
            return null; // reset: the server dropped the connection
        }
    }

    /** Splits an AGI command line into words, honouring Asterisk-style double quotes and backslash escapes. */
    public static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\\' && i + 1 < command.length()) {
                w.append(command.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
