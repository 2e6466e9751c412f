package vn.dancham.bench.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time of every process on the machine from /proc/[pid]/stat (user + system), read at two moments: how much of
 * the shared machine this run used and how much the other processes (other engineers' builds) used meanwhile, with
 * the load average at both ends. Processes that started and ended between the two readings are not seen.
 */
public final class MachineCpu {

    /** Ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux everywhere in practice). */
    private static final double HZ = 100.0;

    /** A reading: per pid its command name and CPU ticks, and the 1-minute load average. */
    public record Reading(long nanos, Map<Long, Long> ticks, Map<Long, String> names, double load) {
    }

    /** CPU seconds over an interval: ours (this JVM and its PostgreSQL), the others', the top others by name. */
    public record Usage(double seconds, double ours, double others, List<Map.Entry<String, Double>> topOthers,
                        double loadStart, double loadEnd) {

        /** Cores busy on average, of which ours. */
        public String describe() {
            StringBuilder top = new StringBuilder();
            for (Map.Entry<String, Double> e : topOthers) {
                top.append(top.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format("%.1f", e.getValue())).append(" s");
            }
            return String.format("%.0f s wall: this run %.1f CPU-s (%.2f cores), other processes %.1f CPU-s "
                            + "(%.2f cores; most: %s); load average %.2f → %.2f", seconds, ours, ours / seconds, others,
                    others / seconds, top.isEmpty() ? "none" : top, loadStart, loadEnd);
        }
    }

    private MachineCpu() {
    }

    public static Reading read() {
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] rest = stat.substring(close + 2).split(" ");
                    // Fields after the name: state(0) ppid(1) ... utime(11) stime(12).
                    long pid = Long.parseLong(p.getFileName().toString());
                    ticks.put(pid, Long.parseLong(rest[11]) + Long.parseLong(rest[12]));
                    names.put(pid, stat.substring(open + 1, close));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            });
        } catch (IOException e) {
            // no /proc: nothing to report
        }
        return new Reading(System.nanoTime(), ticks, names, Machine.loadAverageNow());
    }

    /** From {@code start} to {@code end}; {@code ours} are this run's processes (read at the end). */
    public static Usage between(Reading start, Reading end, Set<Long> ours) {
        double our = 0;
        double other = 0;
        Map<String, Double> byName = new HashMap<>();
        for (Map.Entry<Long, Long> e : end.ticks().entrySet()) {
            long used = e.getValue() - start.ticks().getOrDefault(e.getKey(), 0L);
            if (!start.ticks().containsKey(e.getKey())) {
                used = e.getValue(); // started during the interval: all its time is in it
            }
            double seconds = used / HZ;
            if (ours.contains(e.getKey())) {
                our += seconds;
            } else {
                other += seconds;
                byName.merge(end.names().get(e.getKey()), seconds, Double::sum);
            }
        }
        List<Map.Entry<String, Double>> top = new ArrayList<>(byName.entrySet());
        top.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        return new Usage((end.nanos() - start.nanos()) / 1e9, our, other,
                top.subList(0, Math.min(4, top.size())).stream().filter(x -> x.getValue() >= 0.05).toList(),
                start.load(), end.load());
    }
}
