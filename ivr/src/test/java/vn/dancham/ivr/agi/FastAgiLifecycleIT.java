package vn.dancham.ivr.agi;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import vn.dancham.ivr.hotline.HotlineTestFlows;
import vn.dancham.ivr.testing.AgiTestCall;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's life with the application context: a free port published, calls served, the port freed on stop. */
class FastAgiLifecycleIT {

    @Test
    void publishesTheBoundPortServesCallsAndFreesThePortOnStop() {
        IvrProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "dancham.ivr.port", "0", "dancham.ivr.bind-address", "127.0.0.1")))
                .bindOrCreate("dancham.ivr", IvrProperties.class);
        HotlineTestFlows flows = new HotlineTestFlows();
        StandardEnvironment environment = new StandardEnvironment();
        FastAgiLifecycle lifecycle = new FastAgiLifecycle(properties,
                new HotlineAgiScript(flows.flow(), properties.soundPrefix()), flows.callLog(), "node-t", environment);
        lifecycle.start();
        int port;
        try {
            assertThat(lifecycle.isRunning()).isTrue();
            port = environment.getRequiredProperty("local.fastagi.port", Integer.class);
            assertThat(port).isPositive().isNotEqualTo(4573);
            LocalFastAgi local = new LocalFastAgi(lifecycle, "0.0.0.0", TestCallKey.random());
            assertThat(local.host()).isEqualTo("127.0.0.1");
            assertThat(local.port()).isEqualTo(port);
            assertThat(AgiTestCall.run("127.0.0.1", port, "hotline", "1700000003.1", null, "T T T").played())
                    .contains("dancham/goodbye");
        } finally {
            lifecycle.stop();
        }
        assertThat(lifecycle.isRunning()).isFalse();
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        }).isInstanceOf(ConnectException.class);
    }
}
