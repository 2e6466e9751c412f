package vn.dancham.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU of a JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}), from
 * /proc/&lt;pid&gt;/task: how far a server is from its steady state. A JVM compiles a method with C2 after some
 * thousands of calls of it, so code run once per telephone call is still being compiled after thousands of calls
 * (issue 16: a hotline measured after 5 s of warm-up spent a fifth of its JVM's samples in C2).
 */
public final class JitCpu {

    private JitCpu() {
    }

    /** The compiler threads' CPU so far (utime + stime) in nanoseconds; 0 when the process is gone. */
    public static long nanos(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        ticks += Cpu.ticksOf(stat)[0];
                    }
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks * Cpu.TICK_NANOS;
    }
}
