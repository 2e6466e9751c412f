package vn.dancham.text;

import org.junit.jupiter.api.Test;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.sms.SmsReference;
import vn.dancham.escalation.sms.SmsText;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word bundles the modules read through {@link Bundle} (alerts, the citizen SMS, periods, the hotline's standard
 * questions; issue 19): every key the Java code asks for exists, every key in a file is asked for, no key is written
 * twice, every language has the same keys, and the SMS words stay GSM-7 once stripped, the fixed replies within one
 * segment.
 */
class WordBundlesTest {

    private static final Path ROOT = root();
    /** {@code Bundle.of("vn.dancham.escalation.alerts")} → the names of the bundles the code reads. */
    private static final Pattern OF = Pattern.compile("Bundle\\.of\\(\"([\\w.]+)\"");
    /** {@code WORDS.text("reply.help"} and the like: a literal key. */
    private static final Pattern KEY = Pattern.compile("\\b\\w+\\.(?:text|around|has)\\(\"([\\w.]+)\"(?!\\s*\\+)");
    /** {@code WORDS.text("severity." + s.name()} and the like: a key made from a code. */
    private static final Pattern PREFIX = Pattern.compile("\\b\\w+\\.(?:text|around|has)\\(\"([\\w.]+\\.)\"\\s*\\+");

    /** The codes each key prefix is completed with (enums and the table constraints they come from). */
    private static final Map<String, List<String>> CODES = Map.of(
            "severity.", Arrays.stream(Severity.values()).map(Enum::name).toList(),
            // rating_question.criterion's CHECK constraint (V3__hotline.sql).
            "question.", List.of("ATTITUDE", "TIMELINESS", "OVERALL"));

    @Test
    void everyKeyTheCodeAsksForExistsAndEveryKeyInAFileIsAskedFor() {
        Map<String, Set<String>> used = new TreeMap<>();
        Map<String, Set<String>> prefixes = new TreeMap<>();
        for (Path file : files("src/main/java", ".java")) {
            String src = read(file);
            List<String> names = OF.matcher(src).results().map(m -> m.group(1)).distinct().toList();
            assertThat(names).as(file + " reads one bundle").hasSizeLessThanOrEqualTo(1);
            if (names.isEmpty()) {
                continue;
            }
            used.computeIfAbsent(names.getFirst(), n -> new TreeSet<>()).addAll(all(KEY.matcher(src)));
            prefixes.computeIfAbsent(names.getFirst(), n -> new TreeSet<>()).addAll(all(PREFIX.matcher(src)));
        }
        assertThat(used).containsOnlyKeys("vn.dancham.escalation.alerts", "vn.dancham.citizen.sms",
                "vn.dancham.scoring.periods", "vn.dancham.ivr.hotline.questions");
        used.forEach((name, keys) -> {
            Set<String> asked = new TreeSet<>(keys);
            prefixes.get(name).forEach(p -> {
                assertThat(CODES).as("the codes completing " + p).containsKey(p);
                CODES.get(p).forEach(code -> asked.add(p + code));
            });
            // Read as files: ivr's bundle is not on this module's class path.
            Set<String> inFile = properties(bundleFile(name)).stringPropertyNames();
            assertThat(inFile).as("keys " + name + " lacks").containsAll(asked);
            assertThat(asked).as("keys in " + name + " nothing asks for").containsAll(inFile);
        });
    }

    @Test
    void noKeyIsWrittenTwiceAndEveryLanguageHasTheSameKeys() {
        Map<String, Set<String>> keysByFile = new TreeMap<>();
        for (Path file : files("src/main/resources/vn", ".properties")) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            for (String line : read(file).lines().toList()) {
                String t = line.strip();
                int eq = t.indexOf('=');
                if (t.isEmpty() || t.startsWith("#") || t.startsWith("!") || eq <= 0 || Character.isWhitespace(
                        line.charAt(0))) {
                    continue;
                }
                if (!seen.add(t.substring(0, eq).strip())) {
                    twice.add(t.substring(0, eq).strip());
                }
            }
            assertThat(twice).as("keys written twice in " + file).isEmpty();
            keysByFile.put(ROOT.relativize(file).toString(), properties(file).stringPropertyNames());
        }
        assertThat(keysByFile).hasSizeGreaterThanOrEqualTo(5);
        keysByFile.forEach((file, keys) -> {
            Matcher language = Pattern.compile("(.*)_[a-z]{2}\\.properties").matcher(file);
            if (language.matches()) {
                String base = language.group(1) + ".properties";
                assertThat(keysByFile).as(file + " has a Vietnamese base file").containsKey(base);
                assertThat(keys).as(file + " against " + base).containsExactlyInAnyOrderElementsOf(keysByFile.get(base));
            }
        });
    }

    /** MessageFormat swallows a lone apostrophe ("'" quotes): one would silently vanish from an SMS. */
    @Test
    void noPatternHasALoneApostrophe() {
        for (Path file : files("src/main/resources/vn", ".properties")) {
            properties(file).forEach((k, v) -> assertThat(v.toString().replace("''", ""))
                    .as(file + " " + k).doesNotContain("'"));
        }
    }

    @Test
    void theSmsWordsAreGsm7OnceStrippedAndTheFixedRepliesFitOneSegment() {
        for (String name : List.of("vn.dancham.escalation.alerts", "vn.dancham.citizen.sms",
                "vn.dancham.scoring.periods", "vn.dancham.text.sms-words")) {
            Bundle words = Bundle.of(name);
            for (String key : words.keys()) {
                // Realistic arguments: a 4-digit code, a time, a long name, a production link.
                String text = words.text(key, "4821", "14:05 22/11", "Bộ phận Một cửa UBND huyện Hướng Hóa",
                        "https://dancham.quangtri.gov.vn");
                SmsText sms = SmsText.of(SmsText.stripDiacritics(text));
                assertThat(sms.encoding()).as(name + " " + key + ": " + sms.body()).isEqualTo(SmsText.Encoding.GSM7);
            }
        }
        Bundle alerts = Bundle.of("vn.dancham.escalation.alerts");
        for (String key : alerts.keys()) {
            if (key.startsWith("reply.") || key.equals("withdrawal")) {
                // As sent: a 4-digit code, a time on another day, a link to a six-digit id, the reference's room.
                String text = alerts.text(key, "4821", key.equals("reply.which") ? "4821, 1234, 0007"
                        : key.equals("reply.acknowledged") ? "https://dancham.quangtri.gov.vn/i/123456" : "14:05 22/11");
                SmsText sms = SmsText.of(SmsText.stripDiacritics(text) + "x".repeat(SmsReference.MAX_STAMP_LENGTH));
                assertThat(sms.segments()).as(key + ": " + sms.body()).isEqualTo(1);
            }
        }
    }

    @Test
    void argumentsGoInAsTextAndAroundSplitsAtTheCuttablePart() {
        Bundle alerts = Bundle.of("vn.dancham.escalation.alerts");
        // A number as an argument is not grouped ("1,234") whatever the locale.
        assertThat(alerts.text("reply.which", 1234, "x")).startsWith("[Dân Chấm] Anh/chị có 1234 việc");
        Bundle.Around around = alerts.around("alert", 2, "KHẨN", "4821", null, "https://x/i/1");
        assertThat(around.head()).isEqualTo("[Dân Chấm] KHẨN 4821: ");
        assertThat(around.tail()).isEqualTo(". Trả lời OK 4821 để nhận. https://x/i/1");
    }

    /** The base file of the bundle {@code name}, in whichever module has it. */
    private static Path bundleFile(String name) {
        String rel = "src/main/resources/" + name.replace('.', '/') + ".properties";
        List<Path> found = files("src/main/resources", ".properties").stream().filter(f -> f.endsWith(rel)).toList();
        assertThat(found).as(rel).hasSize(1);
        return found.getFirst();
    }

    private static Set<String> all(Matcher m) {
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Files under {@code under} in every module, ending in {@code suffix}. */
    private static List<Path> files(String under, String suffix) {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.map(m -> m.resolve(under)).filter(Files::isDirectory).flatMap(d -> {
                try (Stream<Path> f = Files.walk(d)) {
                    return f.filter(p -> p.toString().endsWith(suffix)).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tests run in the module's directory; the modules are its siblings. */
    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("../ivr")) ? here.getParent() : here;
    }
}
