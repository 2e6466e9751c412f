package vn.dancham.admin.feedback;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four kinds of file the feedback page takes, known by their first bytes, never by the name or the type the
 * browser claims. A table of four fixed signatures (from the JPEG/JFIF, PNG, RIFF-WebP and PDF specifications)
 * rather than a detection library: we accept these four and nothing else, so a detector's wider answers would only
 * be narrowed back to this list, and each row is checked by {@code FileKindTest} on real files.
 */
enum FileKind {
    JPEG("image/jpeg", ".jpg"),
    PNG("image/png", ".png"),
    WEBP("image/webp", ".webp"),
    PDF("application/pdf", ".pdf");

    /** Enough of the start of a file to tell the kinds apart. */
    static final int HEAD = 12;

    private final String mediaType;
    private final String extension;

    FileKind(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    /** The kind of a file from its first bytes; empty for anything else (an executable, HTML, a renamed text). */
    static Optional<FileKind> of(byte[] head) {
        if (starts(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (starts(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (starts(head, 0, 'R', 'I', 'F', 'F') && starts(head, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        if (starts(head, 0, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    /** The kind stored for a media type (what the database allows). */
    static Optional<FileKind> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(k -> k.mediaType.equals(mediaType)).findFirst();
    }

    private static boolean starts(byte[] head, int at, int... expected) {
        if (head.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
