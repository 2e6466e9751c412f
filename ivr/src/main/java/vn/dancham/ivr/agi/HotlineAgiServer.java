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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asterisk-Java's FastAGI server with our socket (bounded reads, known port) and our execution: a virtual thread
 * per call where the JDK no longer pins virtual threads in {@code synchronized} blocks (24+; the library's channel
 * synchronises around socket I/O), else a platform pool. Either way at most {@code maxCalls} calls run at once;
 * a call over the limit is refused at once (its socket closed, so the dialplan sees AGISTATUS=FAILURE and can
 * play its own apology) rather than queued in silence.
 */
public final class HotlineAgiServer extends DefaultAgiServer {

    private static final Logger log = LoggerFactory.getLogger(HotlineAgiServer.class);

    private final BoundedServerSocket socket;
    private final ExecutorService executor;
    private final Semaphore slots;
    private final AtomicInteger active = new AtomicInteger();
    private final boolean virtual;
    private Thread acceptThread;

    public HotlineAgiServer(MappingStrategy mapping, InetAddress address, int port, AgiLimits limits, int maxCalls,
                            int poolSize) throws IOException {
        super(mapping);
        this.socket = new BoundedServerSocket(address, port, limits);
        setPort(socket.port()); // so the library's own log names the real port
        this.slots = new Semaphore(maxCalls);
        this.virtual = Runtime.version().feature() >= 24;
        this.executor = virtual
                ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("agi-call-", 0).factory())
                : new ThreadPoolExecutor(Math.min(10, poolSize), poolSize, 60, TimeUnit.SECONDS,
                        new SynchronousQueue<>(), Thread.ofPlatform().name("agi-call-", 0).daemon(true).factory());
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
