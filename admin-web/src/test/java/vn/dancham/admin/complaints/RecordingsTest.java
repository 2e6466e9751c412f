package vn.dancham.admin.complaints;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingsTest {

    @TempDir
    Path root;

    @Test
    void resolvesFilesInsideTheDirectoryOnly() throws Exception {
        Path dir = Files.createDirectories(root.resolve("recordings/2026"));
        Files.writeString(dir.resolve("a.wav"), "RIFF");
        Files.writeString(root.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(dir.resolve("link.wav"), root.resolve("secret.txt"));
        Recordings recordings = new Recordings(root.resolve("recordings").toString());

        assertThat(recordings.resolve("2026/a.wav")).isPresent();
        assertThat(recordings.resolve("2026/../../secret.txt")).isEmpty();
        assertThat(recordings.resolve(root.resolve("secret.txt").toString())).isEmpty();
        assertThat(recordings.resolve("2026/link.wav")).as("a link pointing outside").isEmpty();
        assertThat(recordings.resolve("2026")).as("a directory").isEmpty();
        assertThat(recordings.resolve("2026/missing.wav")).isEmpty();
        assertThat(recordings.resolve("2026\\..\\..\\secret.txt")).isEmpty();
        assertThat(recordings.resolve(null)).isEmpty();
    }
}
