package vn.dancham.admin.feedback;

import org.springframework.stereotype.Component;
import vn.dancham.feedback.FeedbackProperties;
import vn.dancham.feedback.NewFeedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Feedback files on disk, in {@code dancham.feedback.attachments-directory} (outside the web root: nothing there is
 * ever served except through the handlers' download, which sets the type and makes it a download). Each file is
 * stored under a random name without extension, so nothing a citizen chose (name, extension) touches the disk.
 */
@Component
class Attachments {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern STORED_NAME = Pattern.compile("[0-9a-f]{32}");

    private final Path directory;

    Attachments(FeedbackProperties properties) {
        this.directory = Path.of(properties.attachmentsDirectory()).toAbsolutePath().normalize();
    }

    /** Writes the stream under a new random name; the caller has checked kind and size. */
    NewFeedback.StoredFile store(InputStream in, String originalName, FileKind kind) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String name = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(directory);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path target = directory.resolve(name);
            long size;
            try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
                size = Files.copy(digesting, target);
            }
            return new NewFeedback.StoredFile(originalName, kind.mediaType(), Math.toIntExact(size), name,
                    HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** The file of a stored name, if it is a name we gave and the file is there. */
    Optional<Path> resolve(String storedName) {
        if (storedName == null || !STORED_NAME.matcher(storedName).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(storedName);
        return Files.isRegularFile(file) && Files.isReadable(file) ? Optional.of(file) : Optional.empty();
    }

    /** Removes files of a feedback that was not stored after all. */
    void delete(String storedName) {
        resolve(storedName).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // An orphan file is only disk space; the row that would point to it was never written.
            }
        });
    }

    /**
     * The name a download gets: the citizen's name without any path or control characters, ending in the extension
     * of the kind read from the content, so a photo named "x.html" is saved as "x.html.jpg", never as HTML.
     */
    static String downloadName(String originalName, FileKind kind) {
        String base = originalName == null ? "" : originalName.replaceAll("^.*[/\\\\]", "")
                .replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (base.isEmpty()) {
            base = "tep";
        }
        if (base.length() > 150) {
            base = base.substring(0, 150);
        }
        return base.toLowerCase(java.util.Locale.ROOT).endsWith(kind.extension())
                || (kind == FileKind.JPEG && base.toLowerCase(java.util.Locale.ROOT).endsWith(".jpeg"))
                ? base : base + kind.extension();
    }
}
