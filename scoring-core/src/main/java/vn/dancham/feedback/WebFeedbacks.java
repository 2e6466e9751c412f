package vn.dancham.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Feedback sent from the public page: stored as a complaint (channel WEB) in the complaints inbox with the sender's
 * details and files beside it, held for review when it contains listed words, and counted until a handler has
 * reviewed it.
 */
public interface WebFeedbacks {

    /** What {@link #submit} did. */
    sealed interface Outcome {
        /** @param heldWords the listed words found; empty when the text is clear */
        record Stored(long complaintId, List<String> heldWords) implements Outcome {
            public boolean held() {
                return !heldWords.isEmpty();
            }
        }

        /** {@link FeedbackProperties#perPhone()} feedback from this phone within the window. */
        record PhoneLimit() implements Outcome {
        }

        /** {@link FeedbackProperties#perClient()} feedback from this client within the window. */
        record ClientLimit() implements Outcome {
        }
    }

    /** Whether one more feedback from this phone and client is within the limits (checked again by submit). */
    Optional<Outcome> overLimit(String phone, String client, Instant now);

    Outcome submit(NewFeedback feedback);

    record Attachment(long id, long complaintId, String originalName, String mediaType, int sizeBytes,
                      String storedName) {
    }

    record Details(long complaintId, String fullName, String phone, String address, String email, Topic topic,
                   String officerName, String receiptNo, String body, String moderation, String heldWords,
                   Instant createdAt, Instant reviewedAt, String reviewedBy, List<Attachment> attachments) {

        public boolean held() {
            return "HELD".equals(moderation);
        }
    }

    /** The sender's details of a complaint that came from the page; empty for any other complaint. */
    Optional<Details> find(long complaintId);

    Optional<Attachment> attachment(long complaintId, long attachmentId);

    /** The complaints among {@code ids} that came from the page and no handler has reviewed yet. */
    Set<Long> unreviewed(Collection<Long> ids);

    /** A handler has read it (a held one is released); false when it was reviewed already or is not web feedback. */
    boolean review(long complaintId, long userId, Instant at);

    /** The daily reminder. */
    record Alert(LocalDate day, int waiting, int held, Instant oldestAt, Instant createdAt) {
    }

    /** Counts what is not reviewed yet and keeps it as {@code day}'s reminder (once a day; a second run keeps the first). */
    Alert remind(LocalDate day, Instant now);

    Optional<Alert> latestAlert();
}
