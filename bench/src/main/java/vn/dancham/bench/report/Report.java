package vn.dancham.bench.report;

import vn.dancham.bench.sys.Machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown report: the header says when, on what and with which command; each benchmark adds a section whose
 * figures sit next to their baseline and the ratio between them.
 */
public final class Report {

    private final StringBuilder body = new StringBuilder();
    private final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    private final String command;
    private final String size;
    private String postgresVersion = "not used";
    private final double loadAtStart = Machine.loadAverageNow();

    public Report(String command, String size) {
        this.command = command;
        this.size = size;
    }

    public void postgresVersion(String version) {
        if (version != null && !version.startsWith("unknown")) {
            this.postgresVersion = version;
        }
    }

    public Report section(String title) {
        body.append("\n## ").append(title).append("\n\n");
        return this;
    }

    public Report subsection(String title) {
        body.append("\n### ").append(title).append("\n\n");
        return this;
    }

    public Report paragraph(String text) {
        body.append(text).append("\n\n");
        return this;
    }

    public Report bullets(List<String> items) {
        for (String i : items) {
            body.append("- ").append(i).append('\n');
        }
        body.append('\n');
        return this;
    }

    public Report code(List<String> lines) {
        body.append("```\n");
        for (String l : lines) {
            body.append(l).append('\n');
        }
        body.append("```\n\n");
        return this;
    }

    public Report table(List<String> headers, List<List<String>> rows) {
        body.append('|');
        for (String h : headers) {
            body.append(' ').append(h).append(" |");
        }
        body.append("\n|");
        for (int i = 0; i < headers.size(); i++) {
            body.append(i == 0 ? "---|" : "---:|");
        }
        body.append('\n');
        for (List<String> row : rows) {
            body.append('|');
            for (String c : row) {
                body.append(' ').append(c.replace("|", "\\|")).append(" |");
            }
            body.append('\n');
        }
        body.append('\n');
        return this;
    }

    public Path write(Path directory, String name) throws IOException {
        Machine m = Machine.current();
        StringBuilder out = new StringBuilder();
        out.append("# Dân Chấm benchmark: ").append(name).append(" (").append(size).append(")\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| date (UTC) | ").append(started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
                .append(" |\n");
        out.append("| machine | ").append(m.cores()).append(" cores (").append(m.cpuModel()).append("), ")
                .append(m.memoryMib() / 1024).append(" GiB memory, ").append(m.os()).append(" |\n");
        out.append("| JDK | ").append(m.jdk()).append(" |\n");
        out.append("| PostgreSQL | ").append(postgresVersion).append(" |\n");
        out.append("| load average (1 min) at the start / at the end | ").append(fmt(loadAtStart)).append(" / ")
                .append(fmt(m.loadAverage()))
                .append(" — the machine is shared; compare ratios, not absolute times |\n");
        out.append("| command | `").append(command).append("` |\n");
        out.append(body);
        Files.createDirectories(directory);
        Path file = directory.resolve(stem(name) + ".md");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }

    /** The report's file name without ".md", e.g. "2026-12-01-2130-fastagi-small": files saved beside it start so. */
    public String stem(String name) {
        return started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + "-" + name + "-" + size;
    }

    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    public static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis < 1 ? String.format(Locale.ROOT, "%.3f ms", millis) : fmt(millis) + " ms";
    }

    /** ours / baseline, e.g. "×2.40"; for "higher is better" figures the caller says which way. */
    public static String ratio(double ours, double baseline) {
        if (Double.isNaN(ours) || Double.isNaN(baseline) || baseline == 0) {
            return "–";
        }
        double r = ours / baseline;
        return "×" + (r >= 100 ? String.format(Locale.ROOT, "%.0f", r)
                : r >= 0.1 ? String.format(Locale.ROOT, "%.2f", r) : String.format(Locale.ROOT, "%.2g", r));
    }
}
