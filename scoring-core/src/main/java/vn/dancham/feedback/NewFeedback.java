package vn.dancham.feedback;

import java.time.Instant;
import java.util.List;

/**
 * A feedback as the page checked it: every field within its limits, the phone confirmed by a one-time code, the
 * files already stored (by random name) with the type read from their content.
 *
 * @param phone  national format, the number the confirmed code went to
 * @param client the sender's address (stored only as a hash)
 */
public record NewFeedback(String fullName, String phone, String address, String email, Topic topic, Long officeId,
                          String officerName, String receiptNo, String body, List<StoredFile> files, String client,
                          Instant at) {

    /** A file written to the attachments directory. */
    public record StoredFile(String originalName, String mediaType, int sizeBytes, String storedName, String sha256) {
    }

    public NewFeedback {
        files = List.copyOf(files);
        if (fullName == null || phone == null || address == null || email == null || topic == null || body == null
                || at == null) {
            throw new IllegalArgumentException("A feedback has a name, phone, address, e-mail, topic, text and time");
        }
    }
}
