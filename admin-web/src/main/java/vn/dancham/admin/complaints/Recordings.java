package vn.dancham.admin.complaints;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a complaint's recording inside the recordings directory (the IVR's {@code dancham.ivr.recordings-directory})
 * and nowhere else: a stored path with "..", an absolute path or a symbolic link pointing out of the directory
 * resolves to nothing, and so does a file that is missing or cannot be read.
 */
@Component
class Recordings {

    private final Path directory;

    Recordings(@Value("${dancham.ivr.recordings-directory:data/recordings}") String directory) {
        this.directory = Path.of(directory).toAbsolutePath().normalize();
    }

    Optional<Path> resolve(String relativePath) {
        Optional<Path> inside = inside(relativePath);
        if (inside.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path candidate = inside.get();
            // An unreadable file (wrong owner after a restore, a disk error) is reported like a missing one rather
            // than failing half-way through the stream.
            if (!Files.isRegularFile(candidate) || !Files.isReadable(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            Path realDirectory = directory.toRealPath(LinkOption.NOFOLLOW_LINKS);
            return real.startsWith(directory) || real.startsWith(realDirectory) ? Optional.of(real) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Where a stored relative path lies inside the recordings directory, whether or not the file is there; empty
     * for a path that would leave the directory.
     */
    Optional<Path> inside(String relativePath) {
        if (relativePath == null || relativePath.isBlank() || relativePath.contains("..")
                || relativePath.startsWith("/") || relativePath.contains("\\") || relativePath.contains("\0")) {
            return Optional.empty();
        }
        try {
            Path candidate = directory.resolve(relativePath).normalize();
            return candidate.startsWith(directory) ? Optional.of(candidate) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    Path directory() {
        return directory;
    }

    /**
     * The length of a recording in whole seconds (rounded), read from the file's own header; empty for a format
     * Java cannot read (only WAV is read; Asterisk records WAV).
     */
    static Optional<Integer> seconds(Path file) {
        try {
            var format = javax.sound.sampled.AudioSystem.getAudioFileFormat(file.toFile());
            long frames = format.getFrameLength();
            float rate = format.getFormat().getFrameRate();
            if (frames < 0 || rate <= 0) {
                return Optional.empty();
            }
            return Optional.of(Math.round(frames / rate));
        } catch (IOException | javax.sound.sampled.UnsupportedAudioFileException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String mediaType(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".wav")) {
            return "audio/wav";
        }
        if (name.endsWith(".mp3")) {
            return "audio/mpeg";
        }
        if (name.endsWith(".ogg")) {
            return "audio/ogg";
        }
        return "application/octet-stream";
    }
}
