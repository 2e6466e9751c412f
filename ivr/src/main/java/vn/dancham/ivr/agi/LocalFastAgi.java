package vn.dancham.ivr.agi;

/**
 * Where this node's own FastAGI server can be reached from inside the application, e.g. by the test-call page's
 * {@link vn.dancham.ivr.softphone.Softphone}. A bean only when the hotline runs on this node.
 */
public final class LocalFastAgi {

    private final FastAgiLifecycle lifecycle;
    private final String bindAddress;
    private final TestCallKey testCallKey;

    LocalFastAgi(FastAgiLifecycle lifecycle, String bindAddress, TestCallKey testCallKey) {
        this.lifecycle = lifecycle;
        this.bindAddress = bindAddress;
        this.testCallKey = testCallKey;
    }

    /**
     * The key that marks a call to this server as a test call ({@code SoftphoneOptions.asTest}); it exists only in
     * this process, so only this node's own test-call page can make a test call here.
     */
    public String testCallKey() {
        return testCallKey.value();
    }

    /** The address to connect to: loopback when the server listens on all interfaces. */
    public String host() {
        return bindAddress == null || bindAddress.equals("0.0.0.0") || bindAddress.equals("::")
                ? "127.0.0.1" : bindAddress;
    }

    /** The port actually bound; throws while the server is not running. */
    public int port() {
        HotlineAgiServer server = lifecycle.server();
        if (server == null) {
            throw new IllegalStateException("The FastAGI server is not running");
        }
        return server.boundPort();
    }

    public boolean running() {
        return lifecycle.isRunning();
    }
}
