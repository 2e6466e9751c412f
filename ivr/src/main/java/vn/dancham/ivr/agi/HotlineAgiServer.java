package vn.dancham.ivr.agi;

import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asterisk-Java's FastAGI server with our socket (bounded reads, known port) and our execution: a thread per call,
 * a virtual thread by default or a pooled platform thread ({@link CallThreads}). Either way at most {@code maxCalls}
 * calls run at once; a call over the limit is refused at once (its socket closed, so the dialplan sees
 * AGISTATUS=FAILURE and can play its own apology) rather than queued in silence.
 */
public final class HotlineAgiServer extends DefaultAgiServer {

    private static final Logger log = LoggerFactory.getLogger(HotlineAgiServer.class);

    private final BoundedServerSocket socket;
    private final ExecutorService executor;
    private final Semaphore slots;
    private final AtomicInteger active = new AtomicInteger();
    private final boolean virtual;
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
     * lines in those runs against 734 on virtual threads, whose waiting calls take no core. Virtual threads are the
     * default for that surge; platform threads use less CPU at a steady load
     * (bench/results/2026-12-03-call-threads.md).
     */
    public enum CallThreads {
        /** A platform thread per call, from a pool that grows with the calls and lets a thread go after 60 s idle. */
        PLATFORM,
        /**
         * A virtual thread per call. Only on JDK 24+: earlier JDKs pin a virtual thread in a {@code synchronized}
         * block, and the library's channel synchronises around socket I/O; there {@link #PLATFORM} is used.
         */
        VIRTUAL
    }

    public HotlineAgiServer(MappingStrategy mapping, InetAddress address, int port, AgiLimits limits, int maxCalls,
                            CallThreads threads) throws IOException {
        this(mapping, address, port, limits, maxCalls, threads,
                Thread.ofPlatform().name("agi-call-", 0).daemon(true).factory());
    }

    /** With the factory of the platform threads (a test's, to make the machine refuse a thread). */
    HotlineAgiServer(MappingStrategy mapping, InetAddress address, int port, AgiLimits limits, int maxCalls,
                     CallThreads threads, ThreadFactory platformThreads) throws IOException {
        super(mapping);
        this.socket = new BoundedServerSocket(address, port, limits);
        setPort(socket.port()); // so the library's own log names the real port
        this.slots = new Semaphore(maxCalls);
        if (threads == CallThreads.VIRTUAL && Runtime.version().feature() < 24) {
            log.info("Virtual threads for calls need JDK 24 or later (this is {}): platform threads are used",
                    Runtime.version().feature());
        }
        this.virtual = threads == CallThreads.VIRTUAL && Runtime.version().feature() >= 24;
        // No thread is kept when there are no calls (core 0), a thread that finished a call takes the next one, a new
        // one is started only when none is free. The pool itself is unbounded: the slots bound the calls, and a
        // thread that released its slot is still counted by the pool for the moment it takes to return to it.
        this.executor = virtual
                ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("agi-call-", 0).factory())
                : new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                        platformThreads);
    }

    /** The port actually bound (useful with port 0). */
    public int boundPort() {
        return socket.port();
    }

    public int activeCalls() {
        return active.get();
    }

    public boolean usesVirtualThreads() {
        return virtual;
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
        try {
            executor.execute(() -> {
                try {
                    connection.run();
                } finally {
                    active.decrementAndGet();
                    slots.release();
                }
            });
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

    /**
     * Stops accepting, lets calls in progress finish for up to {@code grace}, then closes the rest (their flows
     * see a hangup and close their call rows).
     */
    public synchronized void stop(Duration grace) {
        shutdown();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                socket.closeOpenConnections();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
            if (acceptThread != null) {
                acceptThread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.closeOpenConnections();
        }
        executor.shutdownNow();
    }
}
