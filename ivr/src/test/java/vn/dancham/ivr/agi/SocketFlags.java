package vn.dancham.ivr.agi;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What Linux says of a socket's descriptor in this process: its inode from /proc/net/tcp (by its two ports), the
 * descriptor that points at that inode, and the flags in that descriptor's /proc/self/fdinfo entry. The JDK's socket
 * does not say whether it turned the descriptor non-blocking.
 */
final class SocketFlags {

    private static final long O_NONBLOCK = 04000;

    private SocketFlags() {
    }

    /** Whether the connected socket's descriptor is non-blocking (O_NONBLOCK). */
    static boolean nonBlocking(Socket socket) throws IOException {
        String link = "socket:[" + inode(socket.getLocalPort(), socket.getPort()) + "]";
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    continue; // the listing's own descriptor, closed by now
                }
                if (target.equals(link)) {
                    for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString()))) {
                        if (line.startsWith("flags:")) {
                            return (Long.parseLong(line.substring("flags:".length()).trim(), 8) & O_NONBLOCK) != 0;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("No descriptor of this process points at " + link);
    }

    private static String inode(int localPort, int remotePort) throws IOException {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.trim().split("\\s+");
                if (port(c[1]) == localPort && port(c[2]) == remotePort) {
                    return c[9];
                }
            }
        }
        throw new IllegalStateException("No TCP socket from port " + localPort + " to port " + remotePort);
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }
}
