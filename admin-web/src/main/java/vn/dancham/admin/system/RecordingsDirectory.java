package vn.dancham.admin.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this application can write and read the recordings directory ({@code dancham.ivr.recordings-directory}).
 * Asterisk writes the recordings; this node reads them for the web player and deletes them after the retention
 * period. A directory it cannot use does not stop the service (calls, ratings and complaint rows go on; a complaint
 * whose recording failed is stored as FAILED and the caller is told), but it is said clearly at start-up.
 *
 * @param problem null when the directory is usable, else what is wrong, in words for the operator
 */
record RecordingsDirectory(Path path, String problem) {

    static RecordingsDirectory check(Path configured) {
        Path path = configured.toAbsolutePath().normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            return new RecordingsDirectory(path, "is not a directory");
        }
        try {
            Files.createDirectories(path);
        } catch (IOException | RuntimeException e) {
            return new RecordingsDirectory(path, "cannot be created (" + e + ")");
        }
        try {
            // A real write rather than a permission check: also catches read-only mounts and a full disk's quota.
            Path probe = Files.createTempFile(path, ".write-check-", ".tmp");
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            return new RecordingsDirectory(path, "is not writable (" + e + ")");
        }
        return new RecordingsDirectory(path, null);
    }

    boolean usable() {
        return problem == null;
    }
}
