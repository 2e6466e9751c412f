package vn.dancham.ivr.agi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connection reads lines from its own buffer (issue 16): lines split across the socket's reads, several lines
 * in one read, CRLF, UTF-8 split between reads and the length bound must all read as before, over a real socket.
 */
class BoundedConnectionTest {

    private static final int MAX_LINE = 6000; // above the 4 KiB buffer: a line spans reads

    private ServerSocket server;
    private Socket peer;
    private OutputStream toServer;
    private BoundedConnection connection;
    private final Set<BoundedConnection> open = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        peer = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        toServer = peer.getOutputStream();
        connection = new BoundedConnection(server.accept(),
                new AgiLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), MAX_LINE, 64), open);
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        peer.close();
        server.close();
    }

    private void send(String s) throws IOException {
        toServer.write(s.getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    /**
     * Nothing is read with a socket timeout (a virtual thread's timed read costs a timer each time; on a platform
     * thread one timed read turns the socket non-blocking for good: a read that waits is then a failed read, a poll
     * and a second read; issue 16). Both limits are kept by the server's sweep through {@code closeIfStalled}, which
     * closes only a connection owing a reply for longer than the command timeout. The descriptor's own flags say
     * whether the reads on this (platform) thread could wait in one blocking read.
     */
    @Test
    void repliesAreReadWithoutASocketTimeoutAndOnlyAnOverdueReplyClosesTheConnection() throws Exception {
        Socket accepted = acceptedSocketOf(connection);
        assertThat(accepted.getSoTimeout()).isZero();
        send("agi_request: agi://127.0.0.1/hotline\n\n");
        assertThat(connection.readLine()).startsWith("agi_request");
        assertThat(connection.readLine()).isEmpty();
        var later = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200);
                send("200 result=0\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(connection.readLine()).as("a reply the thread waited for").isEqualTo("200 result=0");
        later.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(SocketFlags.nonBlocking(accepted)).as("the descriptor is non-blocking").isFalse();

        assertThat(connection.closeIfStalled(System.nanoTime() + Duration.ofHours(1).toNanos()))
                .as("not waiting for a reply: nothing is overdue").isFalse();
        var reply = readLineMeanwhile();
        assertThat(connection.closeIfStalled(System.nanoTime())).as("within the command timeout").isFalse();
        // Once the reader waits (it may take a moment to start on a loaded machine), 6 s later it is overdue.
        boolean closed = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!closed && System.nanoTime() < deadline) {
            closed = connection.closeIfStalled(System.nanoTime() + Duration.ofSeconds(6).toNanos());
            if (!closed) {
                Thread.sleep(10);
            }
        }
        assertThat(closed).isTrue();
        assertThat(reply.get(5, java.util.concurrent.TimeUnit.SECONDS)).startsWith("failed");
        assertThat(open).doesNotContain(connection);
    }

    /**
     * The request timeout holds for the whole environment, however it trickles in: a connection still in its
     * environment after it is closed by the sweep, and a blocked read of it fails.
     */
    @Test
    void anEnvironmentNotCompleteWithinTheRequestTimeoutIsClosed() throws Exception {
        send("agi_request: agi://127.0.0.1/hotline\n");
        assertThat(connection.readLine()).startsWith("agi_request");
        assertThat(connection.closeIfStalled(System.nanoTime() + Duration.ofSeconds(4).toNanos()))
                .as("within the request timeout").isFalse();
        var next = readLineMeanwhile();
        assertThat(connection.closeIfStalled(System.nanoTime() + Duration.ofSeconds(6).toNanos())).isTrue();
        assertThat(next.get(5, java.util.concurrent.TimeUnit.SECONDS)).isIn("failed: SocketException", null);
        assertThat(open).doesNotContain(connection);
    }

    @Test
    void theSweepComesAtAQuarterOfTheRequestTimeoutOrAnEighthOfTheCommandTimeout() {
        assertThat(BoundedServerSocket.sweepInterval(Duration.ofSeconds(10), Duration.ofHours(3)))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(BoundedServerSocket.sweepInterval(Duration.ofHours(1), Duration.ofHours(3)))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(BoundedServerSocket.sweepInterval(Duration.ofSeconds(10), Duration.ofSeconds(8)))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(BoundedServerSocket.sweepInterval(Duration.ofMillis(100), Duration.ofSeconds(30)))
                .isEqualTo(Duration.ofMillis(100));
    }

    /** The connection's next line read on another thread, or "failed: <exception>" when the read fails. */
    private java.util.concurrent.CompletableFuture<String> readLineMeanwhile() {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return connection.readLine();
            } catch (IOException e) {
                return "failed: " + e.getClass().getSimpleName();
            }
        });
    }

    private static Socket acceptedSocketOf(BoundedConnection c) throws Exception {
        var field = BoundedConnection.class.getDeclaredField("socket");
        field.setAccessible(true);
        return (Socket) field.get(c);
    }

    @Test
    void linesInOneReadLinesSplitOverReadsAndCrlfReadAsSent() throws Exception {
        send("agi_request: agi://127.0.0.1/hotline\r\nagi_channel: SIP/1\n\n200 res");
        assertThat(connection.readLine()).isEqualTo("agi_request: agi://127.0.0.1/hotline");
        assertThat(connection.readLine()).isEqualTo("agi_channel: SIP/1");
        assertThat(connection.readLine()).isEmpty();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
                send("ult=49 endpos=1234\r\n");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(connection.readLine()).isEqualTo("200 result=49 endpos=1234");
    }

    @Test
    void vietnameseTextSplitInsideACharacterIsDecodedWhole() throws Exception {
        send("\n"); // ends the environment
        assertThat(connection.readLine()).isEmpty();
        byte[] line = "200 result=1 (Đã ghi âm)\n".getBytes(StandardCharsets.UTF_8);
        int cut = "200 result=1 (".length() + 1; // inside the two bytes of "Đ"
        toServer.write(line, 0, cut);
        toServer.flush();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
                toServer.write(line, cut, line.length - cut);
                toServer.flush();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(connection.readLine()).isEqualTo("200 result=1 (Đã ghi âm)");
    }

    @Test
    void aLineAtTheLimitSpanningReadsIsReadAndOneByteMoreClosesTheConnection() throws Exception {
        send("\n");
        assertThat(connection.readLine()).isEmpty();
        send("a".repeat(MAX_LINE) + "\n");
        assertThat(connection.readLine()).hasSize(MAX_LINE);
        send("b".repeat(MAX_LINE + 1) + "\n");
        assertThatThrownBy(connection::readLine).isInstanceOf(IOException.class).hasMessageContaining("longer than");
    }

    @Test
    void aTooLongLineInOneReadIsRefusedToo() throws Exception {
        // A connection with a bound below its buffer: the line is whole in one read and still too long.
        connection.close();
        peer.close();
        peer = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        toServer = peer.getOutputStream();
        connection = new BoundedConnection(server.accept(),
                new AgiLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), 100, 64), open);
        send("x".repeat(100) + "\n" + "y".repeat(101) + "\n");
        assertThat(connection.readLine()).hasSize(100);
        assertThatThrownBy(connection::readLine).isInstanceOf(IOException.class).hasMessageContaining("longer than");
    }

    @Test
    void theLastLineWithoutNewlineIsReadAtTheEndThenNull() throws Exception {
        send("\nHANGUP\nHANGUP\n511 result=-1");
        peer.shutdownOutput();
        assertThat(connection.readLine()).isEmpty();
        assertThat(connection.readLine()).isEqualTo("HANGUP");
        assertThat(connection.readLine()).as("a repeated HANGUP is read once").isEqualTo("511 result=-1");
        assertThat(connection.readLine()).isNull();
    }
}
