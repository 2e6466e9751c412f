package vn.dancham.admin.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production launcher {@code src/main/dist/dancham.sh} (copied into target/dancham/ by the build), run for real
 * with the JDK running this test, in a layout whose {@code dancham.jar} is {@link Probe}: a main that prints the
 * JVM options it got, its arguments, and whether the AOT cache is mapped into its memory. The JDK is 21+ in the
 * build, so the cache cases check whichever side applies: JDK 25+ trains and uses the cache, older ones refuse to
 * train and start without it.
 */
class LauncherScriptIT {

    private static final Path SCRIPT = Path.of("src/main/dist/dancham.sh");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final boolean AOT_CAPABLE = Runtime.version().feature() >= 25;

    @TempDir
    Path layout;

    @BeforeEach
    void layout() throws IOException {
        Files.copy(SCRIPT, layout.resolve("dancham.sh"));
        layout.resolve("dancham.sh").toFile().setExecutable(true);
        writeProbeJar(layout.resolve("dancham.jar"));
    }

    @Test
    void startsWithHalfTheMemoryAsHeapAndPassesArgumentsOn() throws Exception {
        Run run = run(Map.of(), "--server.port=18080", "a b");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("option -XX:MaxRAMPercentage=50").contains("arg --server.port=18080")
                .contains("arg a b").contains("aot-mapped false");
        assertThat(run.err()).contains("no AOT cache");
    }

    @Test
    void startsOnTheBeansSpringAotWorkedOutUnlessTheOperatorSaysOff() throws Exception {
        // The application itself goes without them when this start's switches differ from the build's
        // (AheadOfTimeBeans, SpringAotStartIT); the launcher only asks for them.
        assertThat(run(Map.of()).out()).contains("option -Dspring.aot.enabled=true");
        assertThat(run(Map.of("DANCHAM_SPRING_AOT", "off")).out()).doesNotContain("spring.aot");
    }

    @Test
    void heapAndJavaOptsCanBeChangedByTheOperator() throws Exception {
        Run run = run(Map.of("DANCHAM_HEAP", "70", "JAVA_OPTS", "-Xmx64m -Dprobe=yes"));

        assertThat(run.out()).contains("option -XX:MaxRAMPercentage=70").contains("option -Xmx64m")
                .contains("option -Dprobe=yes");
    }

    @Test
    void trainsAndThenStartsWithTheCacheOnlyWhenTheJdkCanUseIt() throws Exception {
        Run train = run(Map.of(), "train");
        if (!AOT_CAPABLE) {
            assertThat(train.exit()).isEqualTo(3);
            assertThat(train.err()).contains("training needs a JDK 25 or newer");
            assertThat(layout.resolve("dancham.aot")).doesNotExist();
            return;
        }
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(layout.resolve("dancham.aot")).isNotEmptyFile();
        assertThat(Files.readAllLines(layout.resolve("dancham.aot.jdk")).get(1))
                .isEqualTo(System.getProperty("java.runtime.version"));

        Run withCache = run(Map.of());
        assertThat(withCache.out()).contains("option -XX:AOTCache=" + layout.resolve("dancham.aot"))
                .contains("aot-mapped true");
        assertThat(withCache.err()).doesNotContain("dancham.sh:");

        Run off = run(Map.of("DANCHAM_AOT", "off"));
        assertThat(off.out()).doesNotContain("AOTCache").contains("aot-mapped false");
    }

    @Test
    void aCacheFromAnotherJdkIsLeftAlone() throws Exception {
        Files.write(layout.resolve("dancham.aot"), new byte[] {1, 2, 3});
        Files.writeString(layout.resolve("dancham.aot.jdk"), JAVA + "\n24.0.1+9\n");

        Run run = run(Map.of());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).doesNotContain("AOTCache");
        assertThat(run.err()).containsAnyOf("made by another JDK", "the AOT cache needs JDK 25+");
    }

    @Test
    void aCacheOlderThanTheJarIsLeftAlone() throws Exception {
        Files.write(layout.resolve("dancham.aot"), new byte[] {1, 2, 3});
        Files.writeString(layout.resolve("dancham.aot.jdk"), JAVA + "\n" + System.getProperty("java.runtime.version")
                + "\n");
        Files.setLastModifiedTime(layout.resolve("dancham.aot"), FileTime.from(Instant.now().minusSeconds(3600)));

        Run run = run(Map.of());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).doesNotContain("AOTCache");
        assertThat(run.err()).containsAnyOf("older than dancham.jar", "the AOT cache needs JDK 25+");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(layout.resolve("dancham.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(layout.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("DANCHAM_JAVA", JAVA);
        builder.environment().putAll(env);
        Path out = layout.resolve("out.txt");
        Path err = layout.resolve("err.txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("dancham.sh did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void writeProbeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Probe.class.getName());
        String entry = Probe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = Probe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    /** The stand-in application inside the layout's dancham.jar: it reports what the launcher gave it. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                System.out.println("option " + option);
            }
            for (String arg : args) {
                System.out.println("arg " + arg);
            }
            String maps = Files.readString(Path.of("/proc/self/maps"), StandardCharsets.UTF_8);
            System.out.println("aot-mapped " + maps.contains("dancham.aot"));
        }
    }
}
