package vn.dancham.admin.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Spring AOT for the deployable, with the build's assumptions checked at every start.
 * <p>
 * Why (issue 16's start-up goal): a third of the start went into scanning the packages, parsing the configuration
 * classes and evaluating the auto-configurations' conditions, the same work at every start. admin-web's build runs
 * Spring's AOT processor, which does it once and writes the bean definitions as code; {@code dancham.sh} starts
 * with {@code -Dspring.aot.enabled=true} and the context is built from that code.
 * <p>
 * The catch: that bean set is the one the build's settings chose. A node that turns a switch —
 * {@code dancham.ivr.enabled=false}, a scheduler off, a profile, the management port — must not get the build's
 * beans. So, during the build, every setting read while the beans were worked
 * out is recorded with its value ({@link AheadOfTimeSettingsRecorder} writes them to {@link #RECORD}); at a start in
 * AOT mode they are compared with this start's settings, and if one differs the start goes without the generated
 * beans — Spring works them out as without AOT, a few seconds slower — and the log says which setting did it.
 * Registered by the deployable's {@code main}, like the early embedded database.
 */
public final class AheadOfTimeBeans implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** The settings the build's bean set was worked out with (a classpath resource, properties format). */
    public static final String RECORD = "META-INF/dancham/aot-settings.properties";
    static final String RECORDING_SOURCE = "dancham-aot-settings-read";
    private static final String AOT_PROCESSING = "spring.aot.processing";
    private static final String PROFILES = "profiles";
    private static final String SET = "set.";
    private static final String UNSET = "unset.";

    /**
     * Read in the build but no switch: the process id (of whichever JVM); the application's version (from the jar's
     * manifest, which the build's classes directory does not have); the web port, which conditions read only to
     * compare with {@code management.server.port} — recorded itself, and with it unset any port gives the same
     * beans; and the database URL, read only by Spring Boot's embedded-database condition, whose configuration never
     * applies here: {@code EmbeddedDatabaseAutoConfiguration} always provides the DataSource and chooses the embedded
     * or the external database at start. Without this list every start, the AOT cache's training run on port 0 and
     * every production node on its own database would go without.
     */
    static final Set<String> NOT_SWITCHES = Set.of("spring.application.pid", "spring.application.version",
            "server.port", "spring.datasource.url");

    private static final Logger log = LoggerFactory.getLogger(AheadOfTimeBeans.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (Boolean.getBoolean(AOT_PROCESSING)) {
            // The build: every lookup from here on (conditions, bean factory post-processors) passes this source.
            environment.getPropertySources().addFirst(new RecordingPropertySource());
        } else if (AotDetector.useGeneratedArtifacts()) {
            Optional<String> why = whyNot(readRecord(), environment);
            if (why.isPresent()) {
                // Read by SpringApplication after this event, when it builds the context: this start goes without.
                SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
                log.info("Spring AOT off for this start, the beans are worked out as usual: {}", why.get());
            }
        }
    }

    /** After Spring Boot's own listeners on this event: the settings from files and profiles are all there. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Why the bean set the build worked out does not fit this environment, or empty when it does. The record's
     * settings are compared as strings: a value that reads the same is the same switch.
     */
    static Optional<String> whyNot(Optional<Properties> record, ConfigurableEnvironment environment) {
        if (record.isEmpty()) {
            return Optional.of("the build left no record of its settings (" + RECORD + ")");
        }
        Properties recorded = record.get();
        String profiles = String.join(",", environment.getActiveProfiles());
        String builtWith = recorded.getProperty(PROFILES, "");
        if (!profiles.equals(builtWith)) {
            return Optional.of("profiles " + describe(profiles) + ", the build had " + describe(builtWith));
        }
        for (String key : new TreeSet<>(recorded.stringPropertyNames())) {
            if (key.startsWith(SET) || key.startsWith(UNSET)) {
                boolean set = key.startsWith(SET);
                String name = key.substring(set ? SET.length() : UNSET.length());
                String expected = set ? recorded.getProperty(key) : null;
                String actual = valueOf(environment, name);
                if (!Objects.equals(expected, actual)) {
                    return Optional.of(name + " is " + (actual == null ? "not set" : "'" + actual + "'")
                            + ", the build had " + (expected == null ? "it unset" : "'" + expected + "'"));
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(String profiles) {
        return profiles.isEmpty() ? "none" : "'" + profiles + "'";
    }

    /** The setting as the application will see it; one whose placeholders do not resolve counts as different. */
    static String valueOf(ConfigurableEnvironment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (IllegalArgumentException unresolvable) {
            return "(unresolvable: " + unresolvable.getMessage() + ")";
        }
    }

    private static Optional<Properties> readRecord() {
        try (InputStream in = AheadOfTimeBeans.class.getClassLoader().getResourceAsStream(RECORD)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return Optional.of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RECORD, e);
        }
    }

    /** The record of the settings read in the build: the active profiles, then each setting with its value. */
    static String record(ConfigurableEnvironment environment, Set<String> read) {
        Properties properties = new Properties();
        properties.setProperty(PROFILES, String.join(",", environment.getActiveProfiles()));
        for (String name : read) {
            if (NOT_SWITCHES.contains(name)) {
                continue;
            }
            String value = valueOf(environment, name);
            properties.setProperty(value == null ? UNSET + name : SET + name, value == null ? "" : value);
        }
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "Settings read while Spring worked out the beans in the build (AheadOfTimeBeans): "
                    + "a start whose settings differ goes without the generated beans");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        // Properties.store writes the date as a second comment line: left out, so one build's record equals the next.
        String[] lines = out.toString().split("\n", 3);
        return lines[0] + "\n" + (lines.length > 2 ? lines[2] : "");
    }

    /**
     * During the build only, before Spring Boot reads any setting (its config data, the profiles,
     * {@code SPRING_APPLICATION_JSON}): takes the build machine's environment variables out of the environment, so
     * the beans are worked out with the application's own defaults. A {@code SPRING_PROFILES_ACTIVE} or
     * {@code DANCHAM_IVR_ENABLED} left in the shell or the CI job that builds the jar used to become the build's
     * setting: every node started without it then went without the generated beans, and one started with it got a
     * bean set chosen on the build machine. Registered by the deployable's {@code main}, beside {@link AheadOfTimeBeans}.
     */
    public static final class BuildDefaultsOnly implements ApplicationListener<ApplicationEnvironmentPreparedEvent>,
            Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            if (Boolean.getBoolean(AOT_PROCESSING)) {
                withoutEnvironmentVariables(event.getEnvironment());
            }
        }

        /** Before {@code EnvironmentPostProcessorApplicationListener}, which reads the profiles and the files. */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** Returns the variables' names that were visible as settings (for the log). */
    static Set<String> withoutEnvironmentVariables(ConfigurableEnvironment environment) {
        PropertySource<?> variables = environment.getPropertySources()
                .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        Set<String> settings = new TreeSet<>();
        if (variables != null && variables.getSource() instanceof java.util.Map<?, ?> map) {
            map.keySet().stream().map(String::valueOf)
                    .filter(name -> name.startsWith("SPRING_") || name.startsWith("DANCHAM_"))
                    .forEach(settings::add);
        }
        if (!settings.isEmpty()) {
            log.info("Spring AOT processing ignores the build's environment variables {}: the beans are worked out "
                    + "with the application's own settings", settings);
        }
        return settings;
    }

    /** Answers nothing; notes the name of every setting looked up while it is the first source. */
    static final class RecordingPropertySource extends PropertySource<Set<String>> {

        RecordingPropertySource() {
            super(RECORDING_SOURCE, new ConcurrentSkipListSet<>());
        }

        @Override
        public Object getProperty(String name) {
            getSource().add(name);
            return null;
        }
    }
}
