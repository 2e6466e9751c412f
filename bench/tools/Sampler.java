import java.nio.file.*;
import java.sql.*;
import java.util.*;

/**
 * Where a running application's CPU goes, for a per-call budget (issue 16): every interval, the CPU ticks (1/100 s)
 * so far of each of the JVM's threads, grouped by name (virtual-thread carriers = the calls, the rating writer, JIT,
 * GC, ...), and of each PostgreSQL backend, grouped by its application_name (the hotline's pool is
 * {@code dancham-hotline}; the application's pool, the rating writer and Quartz included, shows as
 * {@code jdbc-other}) or its backend type (walwriter, checkpointer, ...). A single-file program:
 * <pre>java -cp postgresql.jar bench/tools/Sampler.java &lt;jvm pid&gt; &lt;jdbc url with ?ApplicationName=sampler&gt; 1000 &gt; samples.tsv</pre>
 * then {@code bench/tools/cpu-budget.py samples.tsv <from ms> <to ms> <calls>} prints each group's CPU per call over
 * a window (e.g. a hotline run of {@code bench/run.sh fastagi}). Backends that exited inside the window are missed.
 */
public class Sampler {
    public static void main(String[] a) throws Exception {
        String pid = a[0];
        String url = a[1];
        long every = Long.parseLong(a[2]);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            while (Files.exists(Path.of("/proc/" + pid))) {
                Map<String, Long> g = new TreeMap<>();
                try (var ds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
                    for (Path t : ds) {
                        String[] f = parse(t.resolve("stat"));
                        if (f == null) continue;
                        g.merge("jvm:" + group(f[0]), Long.parseLong(f[12]) + Long.parseLong(f[13]), Long::sum);
                    }
                }
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT pid, coalesce(nullif(application_name, ''), backend_type) FROM pg_stat_activity")) {
                    while (rs.next()) {
                        String[] f = parse(Path.of("/proc/" + rs.getInt(1) + "/stat"));
                        if (f == null) continue;
                        String name = rs.getString(2);
                        if (name.startsWith("PostgreSQL JDBC")) name = "jdbc-other";
                        g.merge("pg:" + name, Long.parseLong(f[12]) + Long.parseLong(f[13]), Long::sum);
                    }
                }
                StringBuilder sb = new StringBuilder(Long.toString(System.currentTimeMillis()));
                g.forEach((k, v) -> sb.append('\t').append(k).append('=').append(v));
                System.out.println(sb);
                Thread.sleep(every);
            }
        }
    }

    static String group(String name) {
        if (name.startsWith("ForkJoinPool-1-worker")) return "carriers";
        if (name.startsWith("C2 Compiler") || name.startsWith("C1 Compiler")) return "jit";
        if (name.startsWith("GC ") || name.startsWith("G1 ")) return "gc";
        return name.replaceAll("[0-9]+$", "#");
    }

    /** Fields after the command; f[0] = the command, then the stat fields from state on (utime = f[12]). */
    static String[] parse(Path stat) {
        try {
            String s = Files.readString(stat);
            int l = s.indexOf('('), r = s.lastIndexOf(')');
            String comm = s.substring(l + 1, r);
            String[] rest = s.substring(r + 2).split(" ");
            String[] f = new String[rest.length + 1];
            f[0] = comm;
            System.arraycopy(rest, 0, f, 1, rest.length);
            return f;
        } catch (Exception e) {
            return null;
        }
    }
}
