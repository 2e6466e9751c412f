package vn.dancham.admin.feedback;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FileKindTest {

    /** A real 1 × 1 lossless WebP (what a phone's gallery may hand over). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    static byte[] image(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    static Optional<FileKind> kind(byte[] content) {
        return FileKind.of(Arrays.copyOf(content, Math.min(content.length, FileKind.HEAD)));
    }

    @Test
    void realImagesAndPdfsAreKnownByTheirContent() throws IOException {
        assertThat(kind(image("jpg"))).contains(FileKind.JPEG);
        assertThat(kind(image("png"))).contains(FileKind.PNG);
        assertThat(kind(WEBP)).contains(FileKind.WEBP);
        assertThat(kind("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1))).contains(FileKind.PDF);
    }

    @Test
    void programsPagesAndOtherRiffFilesAreRefusedWhateverTheirName() {
        assertThat(kind("MZ\u0090\u0000\u0003\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(kind("<!DOCTYPE html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(kind("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        // A WAV is RIFF too: the four bytes after the length say what it is.
        assertThat(kind("RIFF\u0024\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(kind(new byte[]{(byte) 0xFF, (byte) 0xD8})).as("too short to be anything").isEmpty();
        assertThat(kind(new byte[0])).isEmpty();
    }

    @Test
    void aDownloadAlwaysEndsInTheExtensionOfWhatItIs() {
        assertThat(Attachments.downloadName("anh.jpg", FileKind.JPEG)).isEqualTo("anh.jpg");
        assertThat(Attachments.downloadName("IMG_01.JPEG", FileKind.JPEG)).isEqualTo("IMG_01.JPEG");
        assertThat(Attachments.downloadName("trang.html", FileKind.JPEG)).isEqualTo("trang.html.jpg");
        assertThat(Attachments.downloadName("C:\\Users\\a\\giấy tờ.pdf", FileKind.PDF)).isEqualTo("giấy tờ.pdf");
        assertThat(Attachments.downloadName("../../etc/passwd", FileKind.PNG)).isEqualTo("passwd.png");
        assertThat(Attachments.downloadName("", FileKind.WEBP)).isEqualTo("tep.webp");
    }
}
