package vn.dancham.ivr.softphone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays Asterisk's part against our own FastAGI port, so the hotline can be tried from a browser without a phone
 * system (the admin web's "test call" page). The browser queues keys with {@link SoftphoneCall#press(String)}
 * and shows {@link SoftphoneCall#prompts()} as text and audio. The call is real: it is logged, and its ratings and
 * complaints are stored like any other (with the caller number given).
 */
public final class Softphone {

    private static final AtomicLong counter = new AtomicLong();

    private Softphone() {
    }

    /** Connects to the FastAGI server at host:port and starts the {@code hotline} script. */
    public static SoftphoneCall dial(String host, int port, SoftphoneOptions options) {
        String uniqueId = "softphone-" + System.currentTimeMillis() / 1000 + "." + counter.incrementAndGet();
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            return SoftphoneCall.start(socket, uniqueId, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the FastAGI server at " + host + ":" + port, e);
        }
    }
}
