package vn.dancham.bench.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The baseline: a bare FastAGI script on the same server library (Asterisk-Java's {@code DefaultAgiServer}) that
 * sends, for each scenario, exactly the commands our hotline sent for it (recorded from a real call, see
 * {@link Transcripts}) with no work behind them — no database, no flow logic. Run as its own process so that its
 * memory and threads are measured like the application's.
 *
 * <p>Usage: {@code BareAgiServer <port> <transcripts file> <virtual|platform|pool> <max seconds>}: a virtual thread
 * per call, a platform thread per call (from a pool that grows with the calls, as the hotline's option), or the
 * library's own pool. Stops by itself after the given seconds.
 */
public final class BareAgiServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Map<String, List<String>> transcripts = Transcripts.read(Path.of(args[1]));
        long maxSeconds = Long.parseLong(args[3]);

        DefaultAgiServer server = switch (args[2]) {
            case "virtual" -> new VirtualThreadAgiServer();
            case "platform" -> new PlatformThreadAgiServer();
            case "pool" -> new DefaultAgiServer();
            default -> throw new IllegalArgumentException("virtual, platform or pool: " + args[2]);
        };
        server.setPort(port);
        server.setAddress(InetAddress.getLoopbackAddress());
        AgiScript replay = new Replay(transcripts);
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of("bare", replay));
        server.setMappingStrategy(mapping);
        Thread serverThread = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "bare-agi-server");
        serverThread.start();
        vn.dancham.bench.sys.ParentWatch.exitWhenStdinCloses(server::shutdown);
        Thread.sleep(300);
        System.out.println("READY " + port);
        System.out.flush();
        serverThread.join(maxSeconds * 1000);
        server.shutdown();
        System.exit(0);
    }

    /**
     * Replays the recorded commands for the scenario named in the request: {@code bare?scenario=status}. A line
     * {@code #SLEEP <ms>} (never sent by a real script: commands do not start with '#') makes the replay wait before
     * the next command — the self-test's way of making a call stall on purpose.
     */
    static final class Replay implements AgiScript {
        private final Map<String, List<String>> transcripts;

        Replay(Map<String, List<String>> transcripts) {
            this.transcripts = transcripts;
        }

        @Override
        public void service(AgiRequest request, AgiChannel channel) throws AgiException {
            String scenario = request.getParameter("scenario");
            List<String> commands = transcripts.getOrDefault(scenario, List.of());
            for (String line : commands) {
                if (line.startsWith(SLEEP)) {
                    try {
                        Thread.sleep(Long.parseLong(line.substring(SLEEP.length()).trim()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    continue;
                }
                try {
                    channel.sendCommand(new RawCommand(line));
                } catch (AgiHangupException e) {
                    // The caller hung up (Asterisk's "HANGUP" line): the script ends there, as the hotline's does.
                    // Letting the exception out would make the library report AJ_AGISTATUS FAILED for a call that
                    // simply ended.
                    return;
                }
            }
        }
    }

    /** The replay's pause directive (self-test only). */
    public static final String SLEEP = "#SLEEP ";

    static final class RawCommand extends AbstractAgiCommand {
        private static final long serialVersionUID = 1L;
        private final String line;

        RawCommand(String line) {
            this.line = line;
        }

        @Override
        public String buildCommand() {
            return line;
        }
    }

    /** The library's server with one virtual thread per call instead of its pool (capped at 500 by default). */
    static final class VirtualThreadAgiServer extends DefaultAgiServer {
        @Override
        protected void execute(Runnable command) throws RejectedExecutionException {
            Thread.ofVirtual().name("bare-agi-call").start(command);
        }
    }

    /**
     * The library's server with a platform thread per call, as the hotline runs its calls with
     * {@code dancham.ivr.call-threads=platform}: a pool without a cap that keeps a thread 60 s after its call.
     */
    static final class PlatformThreadAgiServer extends DefaultAgiServer {
        private final java.util.concurrent.ExecutorService pool = new java.util.concurrent.ThreadPoolExecutor(0,
                Integer.MAX_VALUE, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(),
                Thread.ofPlatform().name("bare-agi-call-", 0).daemon(true).factory());

        @Override
        protected void execute(Runnable command) throws RejectedExecutionException {
            pool.execute(command);
        }
    }

    /** Transcripts: one line per command, {@code scenario<TAB>command}. */
    public static final class Transcripts {
        private Transcripts() {
        }

        public static Map<String, List<String>> read(Path file) throws IOException {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    out.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
                }
            }
            return out;
        }

        public static void write(Path file, Map<String, List<String>> transcripts) throws IOException {
            StringBuilder s = new StringBuilder();
            transcripts.forEach((scenario, lines) -> {
                for (String l : lines) {
                    // The library sets AJ_AGISTATUS itself at the end of every script: not part of the replay.
                    // Asterisk-Java 3.42 quotes the name; replaying it after the hotline's HANGUP made the bare
                    // script read Asterisk's "HANGUP" line as the reply and fail every call.
                    if (!l.startsWith("SET VARIABLE AJ_AGISTATUS") && !l.startsWith("SET VARIABLE \"AJ_AGISTATUS\"")) {
                        s.append(scenario).append('\t').append(l).append('\n');
                    }
                }
            });
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, s, StandardCharsets.UTF_8);
        }
    }
}
