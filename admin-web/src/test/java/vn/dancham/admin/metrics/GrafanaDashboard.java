package vn.dancham.admin.metrics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/grafana/dancham.json read as Grafana reads a dashboard to import: its JSON model's required fields, and the
 * metric every query names. Checked against a real scrape by {@code HarassmentToSmsIT}.
 */
public record GrafanaDashboard(JsonNode model) {

    public static final Path FILE = Path.of("..", "docs", "grafana", "dancham.json");
    /** Ours, and HikariCP's for the two connection pools (the application's and the hotline's). */
    private static final Pattern METRIC = Pattern.compile("\\b((?:dancham|hikaricp)_[a-z_]+)\\b");

    public static GrafanaDashboard load() {
        try {
            return new GrafanaDashboard(JsonMapper.builder().build().readTree(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Grafana's import would refuse or break on; empty when the model is sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String field : List.of("title", "uid", "schemaVersion", "panels")) {
            if (!model.hasNonNull(field)) {
                problems.add("no " + field);
            }
        }
        Set<String> inputs = new HashSet<>();
        model.path("__inputs").forEach(i -> inputs.add("${" + i.path("name").asString() + "}"));
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : model.path("panels")) {
            String title = panel.path("title").asString();
            if (!ids.add(panel.path("id").asInt(-1))) {
                problems.add("duplicate or missing panel id: " + title);
            }
            for (String field : List.of("type", "title", "gridPos", "targets", "datasource")) {
                if (!panel.hasNonNull(field)) {
                    problems.add(title + ": no " + field);
                }
            }
            JsonNode grid = panel.path("gridPos");
            if (grid.path("w").asInt() <= 0 || grid.path("w").asInt() > 24 || grid.path("h").asInt() <= 0) {
                problems.add(title + ": bad gridPos");
            }
            String uid = panel.path("datasource").path("uid").asString();
            if (uid.startsWith("${") && !inputs.contains(uid)) {
                problems.add(title + ": datasource " + uid + " is not an __input");
            }
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").asString().isBlank() || !refIds.add(target.path("refId").asString())) {
                    problems.add(title + ": a target without a query or with a repeated refId");
                }
            }
        }
        return problems;
    }

    /** The metric families the queries name, without Prometheus' suffixes (_bucket, _count, _sum, _max). */
    public Set<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode panel : model.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asString());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
