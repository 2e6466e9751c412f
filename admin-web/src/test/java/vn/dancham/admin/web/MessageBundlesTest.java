package vn.dancham.admin.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two bundles say the same things, and every key the pages and the Java code use exists in both: a missing key
 * shows as {@code ??key_vi??} on a page, which nothing else would catch until a user sees it.
 */
class MessageBundlesTest {

    private static final Properties VI = load("messages.properties");
    private static final Properties EN = load("messages_en.properties");
    private static final Path ROOT = UserVisibleTextTest.repositoryRoot();

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(new TreeSet<>(EN.stringPropertyNames())).as("in Vietnamese, not in English")
                .containsAll(VI.stringPropertyNames());
        assertThat(new TreeSet<>(VI.stringPropertyNames())).as("in English, not in Vietnamese")
                .containsAll(EN.stringPropertyNames());
    }

    /**
     * A key written twice in one file loses its first sentence silently (the later line wins): the account page once
     * carried the score explanation's heading that way.
     */
    @Test
    void noKeyIsWrittenTwiceInOneFile() throws IOException {
        for (String name : List.of("messages.properties", "messages_en.properties")) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            for (String line : Files.readAllLines(ROOT.resolve("admin-web/src/main/resources/" + name))) {
                String t = line.strip();
                int eq = t.indexOf('=');
                if (t.isEmpty() || t.startsWith("#") || t.startsWith("!") || eq <= 0 || line.startsWith(" ")) {
                    continue;
                }
                String key = t.substring(0, eq).strip();
                if (!seen.add(key)) {
                    twice.add(key);
                }
            }
            assertThat(twice).as("keys written twice in " + name).isEmpty();
        }
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("admin-web/src/main/resources/templates"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                used.addAll(matches(Files.readString(f), Pattern.compile("#\\{([A-Za-z][\\w.-]*)[}(]"), ""));
            }
        }
        assertThat(used).isNotEmpty();
        assertMissingNone(used);
    }

    /** The problem families moved out of Java (issue 19): each code the code can produce has its sentence. */
    @Test
    void everyProblemCodeTheJavaCodeProducesHasItsSentence() {
        String importer = java("admin-web/src/main/java/vn/dancham/admin/imports/CsvImporter.java");
        String cells = java("admin-web/src/main/java/vn/dancham/admin/imports/Cells.java");
        String rows = java("admin-web/src/main/java/vn/dancham/admin/imports/DossierRows.java");
        String parser = java("admin-web/src/main/java/vn/dancham/admin/imports/CsvParser.java");
        Set<String> imports = new TreeSet<>();
        for (String src : new String[]{importer, cells, rows}) {
            imports.addAll(matches(src, Pattern.compile("\\.problem\\([^,]+,\\s*\"(\\w+)\""), "imports.problem."));
            imports.addAll(matches(src, Pattern.compile("(?<![\\w.])problem\\([^,()]+,\\s*\"(\\w+)\""), "imports.problem."));
            imports.addAll(matches(src, Pattern.compile("fileProblem\\(kind, fileName, \"(\\w+)\"\\)"), "imports.problem."));
            imports.addAll(matches(src, Pattern.compile("\"(imports\\.problem\\.\\w+)\""), ""));
        }
        imports.addAll(matches(parser, Pattern.compile("new Parsed\\(List.of\\(\\), List.of\\(\\), \"(\\w+)\""),
                "imports.problem."));
        imports.addAll(matches(importer, Pattern.compile("matching\\([^;]*?, \"(\\w+)\"\\);"), "imports.expect."));
        imports.addAll(matches(importer, Pattern.compile("CODE_FORM = \"(\\w+)\""), "imports.expect."));
        assertThat(imports).hasSizeGreaterThan(25);

        String writer = java("scoring-core/src/main/java/vn/dancham/dossier/internal/DossierWriter.java");
        Set<String> dossier = new TreeSet<>(matches(writer, Pattern.compile("new Problem\\(\"\\w+\", \"(\\w+)\""),
                "dossier.problem."));
        dossier.addAll(matches(writer, Pattern.compile("required\\(problems, \"\\w+\", \\w+, \"(\\w+)\"\\)"),
                "dossier.problem."));
        for (String what : matches(writer, Pattern.compile("lookup\\(problems, \"\\w+\", [\\w.()]+, \"(\\w+)\""), "")) {
            dossier.add("dossier.problem." + what + "_CODE_MISSING");
            dossier.add("dossier.problem." + what + "_UNKNOWN");
        }
        assertThat(dossier).hasSizeGreaterThan(20);

        Set<String> roster = new TreeSet<>();
        for (String file : new String[]{"scoring-core/src/main/java/vn/dancham/escalation/roster/ShiftValidation.java",
                "scoring-core/src/main/java/vn/dancham/escalation/roster/JooqDutyRoster.java",
                "admin-web/src/main/java/vn/dancham/admin/roster/RosterController.java"}) {
            roster.addAll(matches(java(file), Pattern.compile("new RosterProblem\\([\\w\"]+, \"(\\w+)\""),
                    "roster.problem."));
        }
        assertThat(roster).hasSizeGreaterThan(14);

        Set<String> complaints = matches(java("scoring-core/src/main/java/vn/dancham/complaint/internal/JooqComplaintInbox.java"),
                Pattern.compile("(?:new Change.Refused\\(|outcome\\(id, updated, )\"(\\w+)\""), "complaints.problem.");
        assertThat(complaints).hasSize(11);
        String incidents = java("scoring-core/src/main/java/vn/dancham/escalation/incident/JooqIncidents.java");
        Set<String> incident = new TreeSet<>(matches(incidents, Pattern.compile("new IncidentChange.Invalid\\(\"\\w+\", \"(\\w+)\""),
                "incidents.problem."));
        incident.addAll(matches(incidents, Pattern.compile("\"(ALREADY_\\w+)\""), "incidents.problem."));
        assertThat(incident).hasSize(4);

        assertMissingNone(complaints);
        assertMissingNone(incident);
        assertMissingNone(imports);
        assertMissingNone(dossier);
        assertMissingNone(roster);
    }

    private static void assertMissingNone(Set<String> keys) {
        List<String> missingVi = keys.stream().filter(k -> !VI.containsKey(k)).toList();
        List<String> missingEn = keys.stream().filter(k -> !EN.containsKey(k)).toList();
        assertThat(missingVi).as("missing in messages.properties").isEmpty();
        assertThat(missingEn).as("missing in messages_en.properties").isEmpty();
    }

    private static Set<String> matches(String text, Pattern pattern, String prefix) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(prefix + m.group(1));
        }
        return out;
    }

    private static String java(String rel) {
        try {
            return Files.readString(ROOT.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
