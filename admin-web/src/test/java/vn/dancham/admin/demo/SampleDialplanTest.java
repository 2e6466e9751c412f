package vn.dancham.admin.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample dialplan an operator copies unchanged (issue 13): every extension that runs the hotline learns of
 * hangups at once, falls back to an apology when the server is unreachable or fails (AGISTATUS and the server's
 * AJ_AGISTATUS), and names only offices the demo province has.
 */
class SampleDialplanTest {

    static final Path DIALPLAN = Path.of("../ivr/src/main/asterisk/extensions.conf");

    /** Lines of each extension of [dancham-hotline], by extension. */
    static Map<String, List<String>> extensions() throws IOException {
        Map<String, List<String>> byExten = new LinkedHashMap<>();
        String current = null;
        for (String raw : Files.readAllLines(DIALPLAN)) {
            String line = raw.replaceAll(";.*", "").strip();
            Matcher exten = Pattern.compile("^exten => ([^,]+),").matcher(line);
            if (exten.find()) {
                current = exten.group(1);
                byExten.computeIfAbsent(current, k -> new ArrayList<>()).add(line);
            } else if (line.startsWith("same =>") && current != null) {
                byExten.get(current).add(line);
            }
        }
        return byExten;
    }

    @Test
    void everyHotlineExtensionSetsAgisighupAndFallsBackOnBothStatuses() throws IOException {
        Map<String, List<String>> agi = new LinkedHashMap<>();
        extensions().forEach((exten, lines) -> {
            if (lines.stream().anyMatch(l -> l.contains("AGI("))) {
                agi.put(exten, lines);
            }
        });
        assertThat(agi).containsKeys("1022", "1023");
        agi.forEach((exten, lines) -> {
            String all = String.join("\n", lines);
            assertThat(all).as(exten).contains("Set(AGISIGHUP=yes)").contains("Set(CHANNEL(language)=vi)")
                    .contains("${AJ_AGISTATUS}").contains("${AGISTATUS}").contains("Playback(dancham/sorry-later)");
            int agiAt = all.indexOf("AGI(");
            assertThat(all.indexOf("AGISIGHUP")).as(exten).isLessThan(agiAt);
            assertThat(all.indexOf("AJ_AGISTATUS")).as(exten).isGreaterThan(agiAt);
        });
    }

    @Test
    void theOfficeCodesInTheSampleExistInTheDemoProvince() throws IOException {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("\\?office=([0-9]+)").matcher(Files.readString(DIALPLAN));
        while (m.find()) {
            codes.add(m.group(1));
        }
        assertThat(codes).isNotEmpty();
        List<String> demo = DemoCatalog.OFFICES.stream().map(DemoCatalog.OfficeSpec::dialCode).toList();
        assertThat(demo).containsAll(codes);
    }
}
