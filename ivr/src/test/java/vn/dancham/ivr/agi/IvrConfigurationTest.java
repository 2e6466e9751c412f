package vn.dancham.ivr.agi;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import vn.dancham.ivr.hotline.HotlineFlow;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dancham.ivr.enabled=false} leaves the hotline and its port out of a node (e.g. a web-only node). */
class IvrConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IvrProperties.class)
    static class Properties {
    }

    @Test
    void aNodeWithTheHotlineSwitchedOffHasNoFastAgiServer() {
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, IvrConfiguration.class)
                .withPropertyValues("dancham.ivr.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(HotlineFlow.class);
                    assertThat(context).doesNotHaveBean(FastAgiLifecycle.class);
                });
    }

    @Test
    void badSettingsAreRefusedWithTheirPropertyName() {
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class)
                .withPropertyValues("dancham.ivr.port=70000")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("dancham.ivr.port"));
    }

    @Test
    void aStatementTimeoutThatWouldOutlastTheSocketIsRefused() {
        // The server must cancel a slow statement before the driver gives up on the socket (and the connection).
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class)
                .withPropertyValues("dancham.ivr.database-statement-timeout=5s", "dancham.ivr.database-timeout=3s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("dancham.ivr.database-statement-timeout"));
    }
}
