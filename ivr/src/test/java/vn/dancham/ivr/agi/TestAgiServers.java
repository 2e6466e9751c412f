package vn.dancham.ivr.agi;

import vn.dancham.ivr.hotline.HotlineFlow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;

/** A real FastAGI server on a free loopback port serving a given flow, for socket tests without Spring. */
public final class TestAgiServers {

    private TestAgiServers() {
    }

    public static Running start(HotlineFlow flow) {
        TestCallKey key = TestCallKey.random();
        HotlineAgiScript script = new HotlineAgiScript(flow, "dancham/", key);
        try {
            HotlineAgiServer server = new HotlineAgiServer(
                    (request, channel) -> HotlineAgiScript.wants(request) ? script : null,
                    InetAddress.getLoopbackAddress(), 0,
                    new AgiLimits(Duration.ofSeconds(5), Duration.ofSeconds(60), 8192, 256), 200,
                    HotlineAgiServer.CallThreads.PLATFORM);
            server.start();
            return new Running(server, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started server; close stops it. */
    public record Running(HotlineAgiServer server, TestCallKey key) implements AutoCloseable {

        public int port() {
            return server.boundPort();
        }

        /** The server's test-call key, as {@code LocalFastAgi.testCallKey()} gives it to the test-call page. */
        public String testCallKey() {
            return key.value();
        }

        @Override
        public void close() {
            server.stop(Duration.ofSeconds(2));
        }
    }
}
