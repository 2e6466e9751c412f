package vn.dancham.bench.sys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A main class of this module run as a separate JVM (the bare baseline server), ready when it prints READY. */
public final class JavaProcess implements AutoCloseable {

    private final Process process;

    private JavaProcess(Process process) {
        this.process = process;
    }

    public static JavaProcess start(Class<?> main, List<String> jvmOptions, List<String> args, Path log,
                                    Duration readyTimeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException(main.getSimpleName() + " exited before READY; see " + log);
            }
            if (line.startsWith("READY")) {
                return new JavaProcess(p);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException(main.getSimpleName() + " not ready within " + readyTimeout);
    }

    /** As the harness's own end would: closes the process's standard input; true when it exits within {@code max}. */
    public boolean closeStdinAndAwaitExit(Duration max) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the process reads its end all the same
        }
        return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
