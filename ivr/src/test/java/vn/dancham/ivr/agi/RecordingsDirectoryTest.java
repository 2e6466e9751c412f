package vn.dancham.ivr.agi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recordings directories Asterisk can write into when it runs as its own user (issue 13: the day directories were
 * created 755 by the application, and Asterisk answered {@code 200 result=-1 (writefile)}).
 */
class RecordingsDirectoryTest {

    @TempDir
    Path tmp;

    static int mode(Path dir) throws IOException {
        return (Integer) Files.getAttribute(dir, "unix:mode") & 07777;
    }

    static String primaryGroup(Path p) throws IOException {
        return Files.readAttributes(p, PosixFileAttributes.class).group().getName();
    }

    @Test
    void dayDirectoriesAreGroupWritableAndPassTheirGroupDown() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("recordings"));
        String group = primaryGroup(root);
        RecordingsDirectory dir = new RecordingsDirectory(root, null, group);

        dir.prepareFor(root + "/2026/12/01/1796134187_1-1");

        for (Path d : new Path[] {root.resolve("2026"), root.resolve("2026/12"), root.resolve("2026/12/01")}) {
            assertThat(mode(d)).as("mode of %s", d).isEqualTo(02775);
            assertThat(primaryGroup(d)).isEqualTo(group);
        }
    }

    @Test
    void aRecordingOnAShareSeenUnderAnotherPathGetsItsDirectoriesOnThisSide() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("mnt-recordings"));
        RecordingsDirectory dir = new RecordingsDirectory(root, Path.of("/var/spool/asterisk/dancham"), null);

        dir.prepareFor("/var/spool/asterisk/dancham/2026/12/01/x-1");

        assertThat(root.resolve("2026/12/01")).isDirectory();
        assertThat(mode(root.resolve("2026/12/01"))).isEqualTo(02775);
        assertThat(Path.of("/var/spool/asterisk/dancham")).doesNotExist();
    }

    @Test
    void theStartUpCheckRepairsDirectoriesLeftMode755ByEarlierVersions() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("old"));
        Path day = Files.createDirectories(root.resolve("2026/11/30"));
        for (Path d : new Path[] {root, root.resolve("2026"), root.resolve("2026/11"), day}) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        assertThat(new RecordingsDirectory(root, null, null).check()).isEmpty();

        assertThat(mode(root)).isEqualTo(02775);
        assertThat(mode(day)).isEqualTo(02775);
    }

    @Test
    void aGroupThatDoesNotExistIsSaidPlainly() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("r"));
        assertThat(new RecordingsDirectory(root, null, "no-such-group-dancham").check()).singleElement()
                .asString().contains("dancham.ivr.recordings-group=no-such-group-dancham")
                .contains("no such group");
    }

    @Test
    void aMissingDirectoryIsCreatedShared() throws IOException {
        Path root = tmp.resolve("data/recordings");
        assertThat(new RecordingsDirectory(root, null, null).reportAtStartUp()).isEmpty();
        assertThat(mode(root)).isEqualTo(02775);
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsSaidPlainly() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThat(new RecordingsDirectory(file.resolve("recordings"), null, null).check()).singleElement()
                .asString().contains("cannot be created");
    }
}
