package vn.dancham.admin.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User-visible words live in the message bundles (messages.properties, messages_en.properties), not in Java: the
 * domain answers with codes and arguments and the web renders them in the reader's language. Words a module composes
 * itself (the SMS texts, the hotline's standard questions) live in its own bundles under {@code src/main/resources/vn},
 * read through {@code vn.dancham.text.Bundle} (checked by scoring-core's WordBundlesTest). This test reads every
 * module's {@code src/main/java} and fails on a string literal with a Vietnamese letter, outside the allow-list
 * below, where each entry says why it is not bundle text (or that it is still to be moved: issue 19).
 */
class UserVisibleTextTest {

    /** Letters only Vietnamese (among the languages here) writes; an ASCII-only literal cannot be Vietnamese prose. */
    private static final String VIETNAMESE_LETTERS =
            "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";

    /** Whole files whose Vietnamese literals are not page text, with the reason. Paths from the repository root. */
    static final Map<String, String> FILES = Map.ofEntries(
            // Spoken, not shown: the IVR's prompts are audio files with their script; numbers are read aloud.
            Map.entry("ivr/src/main/java/vn/dancham/ivr/prompts/Prompt.java",
                    "IVR prompt catalogue: the script of each recorded audio file (spoken, not bundle text)"),
            Map.entry("ivr/src/main/java/vn/dancham/ivr/softphone/SoftphoneCall.java",
                    "the developers' console softphone: a test tool's output, not a page"),
            // Data, not interface: names of places, people, sample notes.
            Map.entry("admin-web/src/main/java/vn/dancham/admin/demo/DemoCatalog.java", "demo province data"),
            Map.entry("admin-web/src/main/java/vn/dancham/admin/demo/DemoProvince.java", "demo province data"),
            Map.entry("admin-web/src/main/java/vn/dancham/admin/demo/DemoCitizenSms.java", "demo citizens' SMS replies"),
            Map.entry("admin-web/src/main/java/vn/dancham/admin/demo/DossierHistory.java", "demo stage names"),
            Map.entry("bench/src/main/java/vn/dancham/bench/LeaderBenchmark.java", "load-test data"),
            Map.entry("bench/src/main/java/vn/dancham/bench/data/DataGenerator.java", "load-test data"),
            Map.entry("admin-web/src/main/java/vn/dancham/admin/system/StartupReport.java",
                    "the start-up banner in the log (the product's name; logs stay English)"),
            Map.entry("bench/src/main/java/vn/dancham/bench/report/Report.java",
                    "the benchmark report's title (a developer's file)"),
            Map.entry("admin-web/src/main/java/vn/dancham/admin/security/FirstAdministrator.java",
                    "the first account's display name: data the administrator may rename"),
            Map.entry("scoring-core/src/main/java/vn/dancham/escalation/sms/SmsText.java",
                    "the GSM-7 alphabet table"),
            Map.entry("scoring-core/src/main/java/vn/dancham/citizen/CitizenTemplate.java",
                    "default citizen SMS templates, editable at /admin/settings and stored in citizen_sms_template"),
            Map.entry("scoring-core/src/main/java/vn/dancham/citizen/internal/JooqCitizenTemplates.java",
                    "sample values (an office, a status) for the template preview"),
            Map.entry("scoring-core/src/main/java/vn/dancham/escalation/incident/TemplateSamples.java",
                    "sample values (an office, an officer) for the alert SMS preview"),
            Map.entry("admin-web/src/main/java/vn/dancham/admin/api/DossierApiController.java",
                    "OpenAPI annotations for integrators (compile-time constants, bilingual tag)"),
            Map.entry("admin-web/src/main/java/vn/dancham/admin/api/ApiDescription.java",
                    "the OpenAPI title (the product's name)"));

    /** Single literals allowed inside files that are otherwise clean, with the reason. */
    static final Map<String, Set<String>> LITERALS = Map.of(
            // What people type into a CSV cell, not what they are shown.
            "admin-web/src/main/java/vn/dancham/admin/imports/Cells.java", Set.of("có", "không"));

    record Literal(String file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + " \"" + text + "\"";
        }
    }

    @Test
    void noVietnameseStringLiteralInMainJavaOutsideTheAllowList() throws IOException {
        Path root = repositoryRoot();
        List<Literal> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        String rel = root.relativize(f).toString().replace('\\', '/');
                        if (FILES.containsKey(rel)) {
                            return;
                        }
                        for (Literal l : literals(rel, read(f))) {
                            if (vietnamese(l.text()) && !LITERALS.getOrDefault(rel, Set.of()).contains(l.text())) {
                                found.add(l);
                            }
                        }
                    });
                }
            }
        }
        assertThat(found).as("Vietnamese text in Java: move it to messages.properties and messages_en.properties, "
                + "the domain answering with a code and arguments").isEmpty();
    }

    /** An allow-list that names a file with nothing to allow any more would hide the next regression there. */
    @Test
    void everyAllowedFileStillNeedsItsEntry() {
        Path root = repositoryRoot();
        Set<String> stale = new TreeSet<>();
        FILES.keySet().forEach(rel -> {
            Path f = root.resolve(rel);
            if (!Files.exists(f) || literals(rel, read(f)).stream().noneMatch(l -> vietnamese(l.text()))) {
                stale.add(rel);
            }
        });
        assertThat(stale).as("remove these from UserVisibleTextTest.FILES").isEmpty();
    }

    @Test
    void theScannerSeesLiteralsButNotComments() {
        List<Literal> ls = literals("X.java", """
                // "trong chú thích"
                /* "cũng vậy" */ String a = "Xin chào", b = "say \\"hi\\"";
                char c = '"'; String t = \"""
                    khối văn bản có dấu
                    \""";
                """);
        assertThat(ls).extracting(Literal::text).containsExactly("Xin chào", "say \\\"hi\\\"",
                "\n    khối văn bản có dấu\n    ");
        assertThat(ls).filteredOn(l -> vietnamese(l.text())).extracting(Literal::line).containsExactly(2, 3);
        assertThat(vietnamese("Required, but empty")).isFalse();
        assertThat(vietnamese("Đã lưu")).isTrue();
    }

    static boolean vietnamese(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).chars().anyMatch(c -> VIETNAMESE_LETTERS.indexOf(c) >= 0);
    }

    /** The string literals (and text blocks) of a Java source, skipping comments and char literals. */
    static List<Literal> literals(String file, String src) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int start = i + 3;
                int j = start;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(file, line, src.substring(start, Math.min(j, n))));
                line += count(src, i, Math.min(j + 3, n));
                i = j + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.add(new Literal(file, line, src.substring(i + 1, Math.min(j, n))));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tests run in the module's directory; the modules are its siblings. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("../pom.xml")) && Files.isDirectory(here.resolve("../scoring-core"))
                ? here.getParent() : here;
    }
}
