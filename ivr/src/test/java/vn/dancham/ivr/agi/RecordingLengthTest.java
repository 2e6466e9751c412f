package vn.dancham.ivr.agi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording's length when Asterisk gave no endpos: read from the WAV header, whatever rate Asterisk's format wrote
 * (wav16 is 16 kHz), not computed as if every file were 16-bit 8 kHz after a 44-byte header.
 */
class RecordingLengthTest {

    @TempDir
    Path dir;

    @Test
    void lengthComesFromTheWavHeader() throws Exception {
        assertThat(AgiCaller.seconds(null, wav(8000, 7))).isEqualTo(7);
        assertThat(AgiCaller.seconds(null, wav(16000, 3))).isEqualTo(3);
    }

    @Test
    void aMissingOrUnreadableFileIsZeroSeconds() throws Exception {
        assertThat(AgiCaller.seconds(null, dir.resolve("missing.wav"))).isZero();
        Path junk = Files.writeString(dir.resolve("junk.wav"), "not a wav file at all");
        assertThat(AgiCaller.seconds(null, junk)).isZero();
    }

    private Path wav(int rate, int seconds) throws Exception {
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        byte[] pcm = new byte[rate * seconds * 2];
        Path file = dir.resolve(rate + "-" + seconds + ".wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, rate * seconds)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
