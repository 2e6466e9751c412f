package vn.dancham.ivr.agi;

import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Asterisk-Java's FastAGI server with our socket (bounded reads, known port) and our execution: a thread per call,
 * by default a platform thread for each of the first calls at once and a virtual thread beyond ({@link CallThreads}).
 * Either way at most {@code maxCalls} calls run at once; a call over the limit is refused at once (its socket
 * closed, so the dialplan sees AGISTATUS=FAILURE and can play its own apology) rather than queued in silence.
 */
public final class HotlineAgiServer extends DefaultAgiServer {

    private static final Logger log = LoggerFactory.getLogger(HotlineAgiServer.class);

    /** Calls at once on platform threads with {@link CallThreads#MIXED} unless told otherwise. */
    public static final int DEFAULT_PLATFORM_CALLS = 32;

    private final BoundedServerSocket socket;
    /** The platform threads' pool, null with {@link CallThreads#VIRTUAL}. */
    private final ThreadPoolExecutor platform;
    /** The virtual threads' executor, null with {@link CallThreads#PLATFORM}. */
    private final ExecutorService virtual;
    private final Semaphore slots;
    private final AtomicInteger active = new AtomicInteger();
    private final CallThreads threads;
    private final int platformCalls;
    private Thread acceptThread;

    /**
     * What runs a call. A call is ~32 command/reply round trips with Asterisk and a few with the database, each a
     * blocking read. On a platform thread the read blocks in the kernel and the reply wakes that thread; on a
     * virtual thread each read that waits registers with the JDK's poller, whose thread wakes and hands the call back
     * to a carrier thread. On the bench (8 lines, no think time, three runs each) the application's JVM cost
     * 2.1-2.4 times the bare server's CPU per call on platform threads against 2.3-2.7 on virtual threads, and the
     * turnaround p99 was 12 ms against 15-18 ms; PostgreSQL's share did not differ. But when thousands of calls
     * end at once (the bench's 3,000 callers hanging up together), thousands of OS threads compete with PostgreSQL
     * for the cores, the hotline's pool waits run out and the calls' ends go to the journal: 8,475-8,759 warning
     * lines in those runs against 734 on virtual threads, whose waiting calls take no core; and each held call's
     * thread costs ~120 KiB (bench/results/2026-12-03-call-threads.md). {@link #MIXED}, the default, takes the
     * first from a steady load and the second from a surge.
     */
    public enum CallThreads {
        /** A platform thread per call, from a pool that grows with the calls and lets a thread go after 60 s idle. */
        PLATFORM,
        /**
         * A virtual thread per call. Only on JDK 24+: earlier JDKs pin a virtual thread in a {@code synchronized}
         * block, and the library's channel synchronises around socket I/O; there {@link #PLATFORM} is used.
         */
        VIRTUAL,
        /**
         * A platform thread (from a pool of at most {@code platformCalls}, a thread idle 60 s ends) while fewer than
         * that many calls run on one; a virtual thread for the calls beyond. A node's usual load runs on platform
         * threads; a surge of thousands of calls adds only parked virtual threads. On JDKs before 24,
         * {@link #PLATFORM}.
         */
        MIXED
    }

    public HotlineAgiServer(MappingStrategy mapping, InetAddress address, int port, AgiLimits limits, int maxCalls,
                            CallThreads threads) throws IOException {
        this(mapping, address, port, limits, maxCalls, threads, DEFAULT_PLATFORM_CALLS);
    }

    /** @param platformCalls with {@link CallThreads#MIXED}, how many calls at once run on platform threads */
    public HotlineAgiServer(MappingStrategy mapping, InetAddress address, int port, AgiLimits limits, int maxCalls,
                            CallThreads threads, int platformCalls) throws IOException {
        this(mapping, address, port, limits, maxCalls, threads, platformCalls,
                Thread.ofPlatform().name("agi-call-", 0).daemon(true).factory());
    }

    /** With the factory of the platform threads (a test's, to make the machine refuse a thread). */
    HotlineAgiServer(MappingStrategy mapping, InetAddress address, int port, AgiLimits limits, int maxCalls,
                     CallThreads threads, int platformCalls, ThreadFactory platformThreads) throws IOException {
        super(mapping);
        if (platformCalls < 1) {
            throw new IllegalArgumentException("platformCalls must be positive: " + platformCalls);
        }
        this.socket = new BoundedServerSocket(address, port, limits);
        setPort(socket.port()); // so the library's own log names the real port
        this.slots = new Semaphore(maxCalls);
        boolean virtualThreads = Runtime.version().feature() >= 24;
        if (threads != CallThreads.PLATFORM && !virtualThreads) {
            log.info("Virtual threads for calls need JDK 24 or later (this is {}): platform threads are used",
                    Runtime.version().feature());
        }
        this.threads = virtualThreads ? threads : CallThreads.PLATFORM;
        this.platformCalls = this.threads == CallThreads.MIXED ? platformCalls : maxCalls;
        // "agi-call-v7" beside the platform threads' "agi-call-7": one name per thread in the log.
        this.virtual = this.threads == CallThreads.PLATFORM ? null
                : Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("agi-call-v", 0).factory());
        // No thread is kept when there are no calls (core 0), a thread that finished a call takes the next one, a new
        // one is started only when none is free. With PLATFORM the pool itself is unbounded: the slots bound the
        // calls, and a thread that released its slot is still counted by the pool for the moment it takes to return
        // to it. With MIXED a call the pool has no thread for (all busy, or one about to return) runs on a virtual
        // thread.
        this.platform = this.threads == CallThreads.VIRTUAL ? null
                : new ThreadPoolExecutor(0, this.threads == CallThreads.MIXED ? platformCalls : Integer.MAX_VALUE,
                        60, TimeUnit.SECONDS, new SynchronousQueue<>(), platformThreads, (call, pool) -> {
                            if (pool.isShutdown() || virtual == null) {
                                throw new RejectedExecutionException("FastAGI server is stopping");
                            }
                            virtual.execute(call);
                        });
    }

    /** The port actually bound (useful with port 0). */
    public int boundPort() {
        return socket.port();
    }

    public int activeCalls() {
        return active.get();
    }

    /** What runs the calls (what was asked for, or PLATFORM on a JDK without usable virtual threads). */
    public CallThreads threads() {
        return threads;
    }

    /** How the calls' threads are chosen, in words for the start-up log. */
    public String threadsInWords() {
        return switch (threads) {
            case PLATFORM -> "a platform thread per call";
            case VIRTUAL -> "a virtual thread per call";
            case MIXED -> "a platform thread for each of the first " + platformCalls
                    + " calls at once, a virtual thread beyond";
        };
    }

    /** Starts accepting on a thread of its own; the socket is already bound. */
    public synchronized void start() {
        acceptThread = Thread.ofPlatform().name("agi-accept").daemon(true).start(() -> {
            try {
                startup();
            } catch (IOException e) {
                log.error("FastAGI server stopped", e);
            }
        });
    }

    @Override
    protected ServerSocketFacade createServerSocket() {
        return socket;
    }

    @Override
    protected void execute(Runnable connection) throws RejectedExecutionException {
        if (isDie()) {
            throw new RejectedExecutionException("FastAGI server is stopping");
        }
        if (!slots.tryAcquire()) {
            log.warn("Refusing a call: {} calls already in progress (dancham.ivr.max-calls)", active.get());
            throw new RejectedExecutionException("Too many calls");
        }
        // Counted from the moment it is accepted, not from when its thread first runs: a call whose thread has not
        // been scheduled yet is still a call in progress (a shutdown's grace and FastAgiFuzzIT's "no call left
        // running" saw 0 while one was about to begin).
        active.incrementAndGet();
        Runnable call = () -> {
            try {
                connection.run();
            } finally {
                active.decrementAndGet();
                slots.release();
            }
        };
        try {
            if (platform == null) {
                virtual.execute(call);
            } else {
                startOnPlatformThread(call);
            }
        } catch (RejectedExecutionException e) {
            active.decrementAndGet();
            slots.release();
            throw e;
        } catch (OutOfMemoryError e) {
            // "unable to create native thread": the machine's thread or memory-map limit was reached before max-calls
            // (set above what the machine allows). The call is refused like one over the limit; the server goes on.
            active.decrementAndGet();
            slots.release();
            log.error("Refusing a call: no thread could be started for it ({} calls in progress; lower "
                    + "dancham.ivr.max-calls or raise the machine's thread limits)", active.get(), e);
            throw new RejectedExecutionException("No thread for the call", e);
        }
    }

    private void startOnPlatformThread(Runnable call) {
        try {
            platform.execute(call);
        } catch (OutOfMemoryError e) {
            if (virtual == null) {
                throw e;
            }
            // MIXED: the machine refused a platform thread; a virtual one costs it no native thread.
            log.warn("No platform thread could be started for a call ({}); it runs on a virtual thread", e.toString());
            virtual.execute(call);
        }
    }

    /**
     * Stops accepting, lets calls in progress finish for up to {@code grace}, then closes the rest (their flows
     * see a hangup and close their call rows).
     */
    public synchronized void stop(Duration grace) {
        shutdown();
        // The pool first: its rejection handler hands no more calls to the virtual threads once it is shut down.
        List<ExecutorService> executors = Stream.of(platform, virtual).filter(Objects::nonNull)
                .map(ExecutorService.class::cast).toList();
        executors.forEach(ExecutorService::shutdown);
        try {
            if (!awaitTermination(executors, grace)) {
                socket.closeOpenConnections();
                awaitTermination(executors, Duration.ofSeconds(5));
            }
            if (acceptThread != null) {
                acceptThread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.closeOpenConnections();
        }
        executors.forEach(ExecutorService::shutdownNow);
    }

    private static boolean awaitTermination(List<ExecutorService> executors, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (ExecutorService executor : executors) {
            if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }
}
