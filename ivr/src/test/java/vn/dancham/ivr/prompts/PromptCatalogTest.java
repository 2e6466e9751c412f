package vn.dancham.ivr.prompts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog, the text file the audio is made from, and the committed audio agree. */
class PromptCatalogTest {

    static final Path SOUNDS = Path.of("src/main/resources/sounds/vi/dancham");

    @Test
    void theTextFileIsTheCatalog() throws IOException {
        Path tsv = Path.of("src/main/sounds/prompts-vi.tsv");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/prompts-vi.tsv"), PromptCatalog.tsv());
        assertThat(Files.readString(tsv))
                .as("%s is out of date: copy target/prompts-vi.tsv over it and run src/main/sounds/generate.sh", tsv)
                .isEqualTo(PromptCatalog.tsv());
    }

    @Test
    void fileNamesAreUniqueAndSafe() {
        Set<String> files = new HashSet<>();
        for (Prompt p : Prompt.values()) {
            assertThat(files.add(p.file())).as("duplicate file %s", p.file()).isTrue();
            assertThat(p.file()).matches("[a-z0-9-]+");
            assertThat(p.en()).isNotBlank();
        }
    }

    /** "Để để lại góp ý" was a typo read aloud on every call; Vietnamese prompts here never need a word twice running. */
    @Test
    void noPromptSaysTheSameWordTwiceInARow() {
        var doubled = java.util.regex.Pattern.compile("(?iu)(?<![\\p{L}])(\\p{L}+)\\s+\\1(?![\\p{L}])");
        for (Prompt p : Prompt.values()) {
            assertThat(doubled.matcher(p.vi()).find()).as("%s: %s", p, p.vi()).isFalse();
            assertThat(doubled.matcher(p.en()).find()).as("%s: %s", p, p.en()).isFalse();
        }
    }

    @Test
    void everyPromptHasAsteriskReadyAudio() throws IOException {
        for (Prompt p : Prompt.values()) {
            Path wav = SOUNDS.resolve(p.file() + ".wav");
            assertThat(wav).as("audio for %s", p).exists();
            assertAsteriskReady(wav);
        }
    }

    @Test
    void namesInTheIndexHaveAudio() throws IOException {
        NameAudio names = NameAudio.fromClasspath();
        Path index = SOUNDS.resolve("names/index.tsv");
        if (!Files.exists(index)) {
            return;
        }
        for (String line : Files.readAllLines(index)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            assertThat(parts[0]).isEqualTo(NameAudio.fileFor(parts[1]));
            assertThat(names.clip(parts[1])).isPresent();
            assertAsteriskReady(SOUNDS.resolve(parts[0] + ".wav"));
        }
    }

    @Test
    void demoOfficesAndStagesHaveTheirNameSpoken() {
        NameAudio names = NameAudio.fromClasspath();
        assertThat(names.clip("Phòng Tài nguyên và Môi trường huyện Gio Linh")).isPresent();
        assertThat(names.clip("Thẩm định, xử lý")).isPresent();
        assertThat(names.clip("Phòng không có trong dữ liệu mẫu")).isEmpty();
    }

    @Test
    void committedAudioStaysSmall() throws IOException {
        long total;
        try (Stream<Path> files = Files.walk(SOUNDS)) {
            total = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertThat(total).as("bytes of committed audio").isLessThan(6_000_000);
    }

    @Test
    void nameFilesAreStableAndDistinguishTones() {
        assertThat(NameAudio.fileFor("Phòng Tài nguyên và Môi trường"))
                .isEqualTo(NameAudio.fileFor("  Phòng Tài nguyên  và Môi trường "))
                .startsWith("names/phong-tai-nguyen-va-moi-truong-");
        assertThat(NameAudio.fileFor("Bộ")).isNotEqualTo(NameAudio.fileFor("Bố"));
        assertThat(NameAudio.fileFor("Đăng ký")).startsWith("names/dang-ky-");
    }

    /** RIFF/WAVE, PCM, mono, 8000 Hz, 16-bit: what Asterisk plays without transcoding from its .wav format. */
    static void assertAsteriskReady(Path wav) throws IOException {
        byte[] header = new byte[44];
        try (var in = Files.newInputStream(wav)) {
            assertThat(in.read(header)).isEqualTo(44);
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(header, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(header, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        assertThat(b.getShort(20)).as("PCM %s", wav).isEqualTo((short) 1);
        assertThat(b.getShort(22)).as("mono %s", wav).isEqualTo((short) 1);
        assertThat(b.getInt(24)).as("8 kHz %s", wav).isEqualTo(8000);
        assertThat(b.getShort(34)).as("16-bit %s", wav).isEqualTo((short) 16);
    }
}
