package vn.dancham.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the figures were measured on, for the report's header. */
public record Machine(int cores, String cpuModel, long memoryMib, String os, String jdk, double loadAverage) {

    public static Machine current() {
        String model = "unknown";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            // keep "unknown"
        }
        long memKib = 0;
        double load = -1;
        try {
            memKib = Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0L);
            load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | NumberFormatException e) {
            // keep zero
        }
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        return new Machine(Runtime.getRuntime().availableProcessors(), model, memKib / 1024, os, jdk, load);
    }

    /** The server version of a running PostgreSQL, e.g. "PostgreSQL 18.3 on x86_64-pc-linux-gnu…". */
    public static String postgresVersion(String jdbcUrl, String user) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT version()")) {
            rs.next();
            String v = rs.getString(1);
            int comma = v.indexOf(',');
            return comma > 0 ? v.substring(0, comma) : v;
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    public static double loadAverageNow() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
