package vn.dancham.ivr.agi;

import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import vn.dancham.calls.CallLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the FastAGI server with the application context and stops it cleanly on close. Before accepting calls
 * it closes, as INTERRUPTED, the calls this node left open when it last died. The port actually bound is
 * published as {@code local.fastagi.port}.
 */
final class FastAgiLifecycle implements SmartLifecycle {

    static final String PORT_PROPERTY = "local.fastagi.port";
    private static final Logger log = LoggerFactory.getLogger(FastAgiLifecycle.class);

    private final IvrProperties properties;
    private final AgiScript script;
    private final CallLog callLog;
    private final String node;
    private final ConfigurableEnvironment environment;
    private volatile HotlineAgiServer server;

    FastAgiLifecycle(IvrProperties properties, AgiScript script, CallLog callLog, String node,
                     ConfigurableEnvironment environment) {
        this.properties = properties;
        this.script = script;
        this.callLog = callLog;
        this.node = node;
        this.environment = environment;
    }

    @Override
    public synchronized void start() {
        try {
            int closed = callLog.closeInterrupted(node, properties.staleCallsAfter());
            if (closed > 0) {
                log.warn("Closed {} call(s) left in progress by a node that stopped (node {})", closed, node);
            }
        } catch (RuntimeException e) {
            log.error("Could not close interrupted calls; they stay open until the next start", e);
        }
        try {
            HotlineAgiServer s = new HotlineAgiServer(
                    (request, channel) -> HotlineAgiScript.wants(request) ? script : null,
                    InetAddress.getByName(properties.bindAddress()), properties.port(), AgiLimits.from(properties),
                    properties.maxCalls(), properties.callThreads(), properties.platformCalls());
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for FastAGI on " + properties.bindAddress() + ":"
                    + properties.port() + " (dancham.ivr.port / dancham.ivr.bind-address)", e);
        }
        environment.getPropertySources().addFirst(
                new MapPropertySource("fastagi", Map.of(PORT_PROPERTY, server.boundPort())));
        log.info("FastAGI listening on {}:{} (node {}, {}, at most {} calls)", properties.bindAddress(),
                server.boundPort(), node, server.threadsInWords(), properties.maxCalls());
    }

    @Override
    public synchronized void stop() {
        HotlineAgiServer s = server;
        if (s != null) {
            server = null;
            s.stop(Duration.ofSeconds(5));
            log.info("FastAGI server stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Starts after the database is ready, stops before it goes away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    HotlineAgiServer server() {
        return server;
    }
}
