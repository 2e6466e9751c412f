package vn.dancham.admin.system;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The check that the bean set the build worked out fits a start's settings ({@link AheadOfTimeBeans}). */
class AheadOfTimeBeansTest {

    private static StandardEnvironment environment(Map<String, Object> settings, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        // Only the settings given: not those of the shell that runs the tests.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("settings", new LinkedHashMap<>(settings)));
        environment.setActiveProfiles(profiles);
        return environment;
    }

    /** What the build writes, read back as a start reads it. */
    private static Optional<Properties> recordOf(StandardEnvironment build, Set<String> read) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(AheadOfTimeBeans.record(build, read)));
        return Optional.of(properties);
    }

    private static final Set<String> READ = Set.of("spring.datasource.url", "dancham.ivr.enabled",
            "spring.threads.virtual.enabled", "management.server.port");

    @Test
    void aStartWithTheBuildsSettingsKeepsTheGeneratedBeans() throws IOException {
        StandardEnvironment build = environment(Map.of("spring.threads.virtual.enabled", "true"));
        StandardEnvironment start = environment(Map.of("spring.threads.virtual.enabled", "true",
                "dancham.twilio.account-sid", "AC123", "dancham.ivr.port", "4573"));

        assertThat(AheadOfTimeBeans.whyNot(recordOf(build, READ), start)).isEmpty();
    }

    @Test
    void aSettingTheBuildHadUnsetIsASwitchTurned() throws IOException {
        Optional<Properties> record = recordOf(environment(Map.of()), READ);

        assertThat(AheadOfTimeBeans.whyNot(record, environment(Map.of("spring.threads.virtual.enabled", "true"))))
                .contains("spring.threads.virtual.enabled is 'true', the build had it unset");
        assertThat(AheadOfTimeBeans.whyNot(record, environment(Map.of("dancham.ivr.enabled", "false"))))
                .contains("dancham.ivr.enabled is 'false', the build had it unset");
    }

    @Test
    void anExternalDatabaseIsNoSwitch() throws IOException {
        // The DataSource bean chooses the embedded or the external database at start (EmbeddedDatabaseAutoConfiguration).
        Optional<Properties> record = recordOf(environment(Map.of()), READ);

        assertThat(record.orElseThrow().stringPropertyNames()).doesNotContain("unset.spring.datasource.url");
        assertThat(AheadOfTimeBeans.whyNot(record,
                environment(Map.of("spring.datasource.url", "jdbc:postgresql://db/dancham")))).isEmpty();
    }

    @Test
    void aValueOtherThanTheBuildsOrNoneWhereItHadOneIsASwitchTurned() throws IOException {
        Optional<Properties> record = recordOf(environment(Map.of("spring.threads.virtual.enabled", "true")), READ);

        assertThat(AheadOfTimeBeans.whyNot(record, environment(Map.of("spring.threads.virtual.enabled", "false"))))
                .contains("spring.threads.virtual.enabled is 'false', the build had 'true'");
        assertThat(AheadOfTimeBeans.whyNot(record, environment(Map.of())))
                .contains("spring.threads.virtual.enabled is not set, the build had 'true'");
    }

    @Test
    void aProfileTheBuildDidNotHaveIsASwitchTurned() throws IOException {
        Optional<Properties> record = recordOf(environment(Map.of()), READ);

        assertThat(AheadOfTimeBeans.whyNot(record, environment(Map.of(), "web-only")))
                .contains("profiles 'web-only', the build had none");
    }

    @Test
    void withoutARecordNothingIsAssumed() {
        assertThat(AheadOfTimeBeans.whyNot(Optional.empty(), environment(Map.of())))
                .hasValueSatisfying(why -> assertThat(why).contains(AheadOfTimeBeans.RECORD));
    }

    @Test
    void theProcessIdTheVersionAndTheWebPortAreNotRecordedAsSwitches() throws IOException {
        StandardEnvironment build = environment(Map.of("spring.application.pid", "17946", "server.port", "8080",
                "spring.application.version", ""));
        Set<String> read = Set.of("spring.application.pid", "server.port", "spring.application.version",
                "management.server.port");
        Optional<Properties> record = recordOf(build, read);

        assertThat(record.orElseThrow().stringPropertyNames())
                .containsExactlyInAnyOrder("profiles", "unset.management.server.port");
        // The AOT cache's training run: port 0, another process, the jar's version.
        assertThat(AheadOfTimeBeans.whyNot(record, environment(Map.of("spring.application.pid", "4242",
                "server.port", "0", "spring.application.version", "0.1.0-SNAPSHOT")))).isEmpty();
        // The management port is one: on a port of its own, the actuator gets a context of its own.
        assertThat(AheadOfTimeBeans.whyNot(record, environment(Map.of("management.server.port", "9090"))))
                .contains("management.server.port is '9090', the build had it unset");
    }

    @Test
    void aRecordReadsTheSameWhateverTheOrderOrTheDayItWasWritten() {
        StandardEnvironment build = environment(Map.of("spring.threads.virtual.enabled", "true"));
        String once = AheadOfTimeBeans.record(build, READ);

        assertThat(AheadOfTimeBeans.record(build, new java.util.TreeSet<>(READ))).isEqualTo(once);
        assertThat(once.lines().filter(line -> line.startsWith("#"))).hasSize(1);
    }

    @Test
    void theRecordingSourceNotesEveryNameLookedUpAndAnswersNothing() {
        StandardEnvironment build = environment(Map.of("spring.threads.virtual.enabled", "true"));
        AheadOfTimeBeans.RecordingPropertySource recording = new AheadOfTimeBeans.RecordingPropertySource();
        build.getPropertySources().addFirst(recording);

        assertThat(build.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
        assertThat(build.getProperty("dancham.ivr.enabled")).isNull();

        assertThat(List.copyOf(recording.getSource()))
                .containsExactly("dancham.ivr.enabled", "spring.threads.virtual.enabled");
    }

    /**
     * The build machine's environment variables are no setting of the build: taken out before Spring Boot reads the
     * profiles and files, so that the record holds the application's own defaults.
     */
    @Test
    void theBuildsEnvironmentVariablesAreTakenOutBeforeSpringBootReadsAnySetting() {
        StandardEnvironment build = new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                return Map.of("SPRING_PROFILES_ACTIVE", "web-only", "DANCHAM_IVR_ENABLED", "false", "PATH", "/bin");
            }
        };
        assertThat(build.getProperty("dancham.ivr.enabled")).as("relaxed binding reads the variable").isEqualTo("false");

        assertThat(AheadOfTimeBeans.withoutEnvironmentVariables(build))
                .containsExactly("DANCHAM_IVR_ENABLED", "SPRING_PROFILES_ACTIVE");
        assertThat(build.getProperty("dancham.ivr.enabled")).isNull();
        assertThat(build.getProperty("spring.profiles.active")).isNull();
        assertThat(new AheadOfTimeBeans.BuildDefaultsOnly().getOrder()).as("before profiles and files are read")
                .isLessThan(org.springframework.boot.support.EnvironmentPostProcessorApplicationListener.DEFAULT_ORDER);
    }
}
