package vn.dancham.ivr.softphone;

import vn.dancham.ivr.emulator.AgiConnection;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays Asterisk's part against our own FastAGI port, so the hotline can be tried from a browser without a phone
 * system (the admin web's "test call" page). The browser queues keys with {@link SoftphoneCall#press(String)}
 * and shows {@link SoftphoneCall#prompts()} as text and audio. With {@link SoftphoneOptions#asTest} the server takes
 * it as a test call: logged, its answers stored as test and never counted, nobody real dialled or alerted, and what a
 * real call would have done comes back as {@link PlayedPrompt.Kind#NOTE}s. Without it, it is a call like any other.
 */
public final class Softphone {

    private static final AtomicLong counter = new AtomicLong();

    private Softphone() {
    }

    /**
     * Connects to the FastAGI server at host:port and starts the {@code hotline} script.
     *
     * @throws java.io.UncheckedIOException when the server cannot be reached
     */
    public static SoftphoneCall dial(String host, int port, SoftphoneOptions options) {
        String uniqueId = "softphone-" + System.currentTimeMillis() / 1000 + "." + counter.incrementAndGet();
        // No read timeout: the hotline may wait on the caller as long as it likes; close() ends the call.
        AgiConnection line = AgiConnection.connect(new InetSocketAddress(host, port), Duration.ofSeconds(5),
                Duration.ZERO);
        return SoftphoneCall.start(line, uniqueId, options);
    }
}
