package vn.dancham.admin.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StartupReportTest {

    @TempDir
    Path temp;

    @Test
    void theDatabaseUrlIsShownWithoutItsPassword() {
        assertThat(StartupReport.withoutSecrets("jdbc:postgresql://db.example:5432/dancham?user=dc&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.example:5432/dancham?user=dc&password=***&ssl=true");
        assertThat(StartupReport.withoutSecrets("jdbc:postgresql://dc:s3cret@db.example/dancham"))
                .isEqualTo("jdbc:postgresql://dc:***@db.example/dancham");
        assertThat(StartupReport.withoutSecrets("jdbc:postgresql://db.example/dancham"))
                .isEqualTo("jdbc:postgresql://db.example/dancham");
    }

    @Test
    void aRecordingsDirectoryIsCreatedWhenMissingAndAFileInItsPlaceIsReported() throws Exception {
        assertThat(RecordingsDirectory.check(temp.resolve("a/b")).usable()).isTrue();
        assertThat(temp.resolve("a/b")).isDirectory();
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThat(RecordingsDirectory.check(file).problem()).isEqualTo("is not a directory");
        assertThat(RecordingsDirectory.check(file.resolve("below")).problem()).startsWith("cannot be created");
        assertThat(temp.toFile().list()).as("the write check leaves nothing behind").containsOnly("a", "file");
    }
}
