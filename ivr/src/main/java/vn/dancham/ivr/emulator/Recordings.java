package vn.dancham.ivr.emulator;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where Asterisk would have written the caller's voice, a 440 Hz tone of the same length (8 kHz, 16-bit mono). */
final class Recordings {

    private static final AudioFormat SLIN = new AudioFormat(8000, 16, 1, true, false);

    private Recordings() {
    }

    /**
     * Where to write what RECORD FILE names ({@code <file>.<format>}): as named without a root; with one, relative
     * names are taken under it and anything outside it is not written at all (null).
     */
    static Path target(Path named, Path root) {
        if (root == null) {
            return named;
        }
        Path base = root.toAbsolutePath().normalize();
        Path target = base.resolve(named).normalize();
        return target.startsWith(base) ? target : null;
    }

    static void writeTone(Path file, int seconds) throws IOException {
        int samples = seconds * 8000;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short s = (short) (Math.sin(i * 2 * Math.PI * 440 / 8000) * 6000);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (file.getFileName().toString().toLowerCase().endsWith(".wav")) {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), SLIN, samples),
                    AudioFileFormat.Type.WAVE, file.toFile());
        } else {
            Files.write(file, pcm); // sln and the like: raw samples
        }
    }
}
