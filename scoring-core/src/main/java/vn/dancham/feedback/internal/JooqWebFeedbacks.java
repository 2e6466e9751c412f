package vn.dancham.feedback.internal;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.feedback.FeedbackProperties;
import vn.dancham.feedback.NewFeedback;
import vn.dancham.feedback.OffensiveWords;
import vn.dancham.feedback.Topic;
import vn.dancham.feedback.WebFeedbacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static vn.dancham.db.jooq.Tables.APP_USER;
import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.FEEDBACK_ALERT;
import static vn.dancham.db.jooq.Tables.FEEDBACK_ATTACHMENT;
import static vn.dancham.db.jooq.Tables.WEB_FEEDBACK;

/**
 * Web feedback over PostgreSQL. The complaint goes through {@link Complaints#record} (so a complaint about a dossier
 * is charged to the office holding it, with the usual deadline) and is marked channel WEB in the same transaction as
 * the sender's details and the files' rows; the limits are counted under an advisory lock so two posts at once
 * cannot both pass.
 */
final class JooqWebFeedbacks implements WebFeedbacks {

    private final DSLContext dsl;
    private final Complaints complaints;
    private final OffensiveWords words;
    private final FeedbackProperties properties;

    JooqWebFeedbacks(DSLContext dsl, Complaints complaints, OffensiveWords words, FeedbackProperties properties) {
        this.dsl = dsl;
        this.complaints = complaints;
        this.words = words;
        this.properties = properties;
    }

    @Override
    public Optional<Outcome> overLimit(String phone, String client, Instant now) {
        return overLimit(dsl, phone, clientKey(client), now);
    }

    private Optional<Outcome> overLimit(DSLContext tx, String phone, String clientKey, Instant now) {
        OffsetDateTime since = utc(now.minus(properties.window()));
        // The phone first: it is the person; the address may be a whole office behind one router.
        if (tx.fetchCount(WEB_FEEDBACK, WEB_FEEDBACK.PHONE.eq(phone).and(WEB_FEEDBACK.CREATED_AT.gt(since)))
                >= properties.perPhone()) {
            return Optional.of(new Outcome.PhoneLimit());
        }
        if (tx.fetchCount(WEB_FEEDBACK, WEB_FEEDBACK.CLIENT.eq(clientKey).and(WEB_FEEDBACK.CREATED_AT.gt(since)))
                >= properties.perClient()) {
            return Optional.of(new Outcome.ClientLimit());
        }
        return Optional.empty();
    }

    @Override
    public Outcome submit(NewFeedback f) {
        String clientKey = clientKey(f.client());
        List<String> held = words.found(String.join("\n", f.fullName(), f.address(),
                f.officerName() == null ? "" : f.officerName(), f.body()));
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            tx.fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked", "feedback-phone:" + f.phone());
            tx.fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked", "feedback-client:" + clientKey);
            Optional<Outcome> limit = overLimit(tx, f.phone(), clientKey, f.at());
            if (limit.isPresent()) {
                return limit.get();
            }
            Long dossierId = f.receiptNo() == null ? null : tx.select(DOSSIER.ID).from(DOSSIER)
                    .where(DOSSIER.RECEIPT_NO.eq(f.receiptNo())).fetchOne(DOSSIER.ID);
            long id = complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, dossierId, f.receiptNo(),
                    f.officeId(), null, f.phone(), null, null, NewComplaint.RecordingState.NONE, f.at()));
            tx.update(COMPLAINT).set(COMPLAINT.CHANNEL, "WEB").where(COMPLAINT.ID.eq(id)).execute();
            tx.insertInto(WEB_FEEDBACK)
                    .set(WEB_FEEDBACK.COMPLAINT_ID, id)
                    .set(WEB_FEEDBACK.FULL_NAME, f.fullName())
                    .set(WEB_FEEDBACK.PHONE, f.phone())
                    .set(WEB_FEEDBACK.ADDRESS, f.address())
                    .set(WEB_FEEDBACK.EMAIL, f.email())
                    .set(WEB_FEEDBACK.TOPIC, f.topic().name())
                    .set(WEB_FEEDBACK.OFFICER_NAME, f.officerName())
                    .set(WEB_FEEDBACK.RECEIPT_NO, f.receiptNo())
                    .set(WEB_FEEDBACK.BODY, f.body())
                    .set(WEB_FEEDBACK.MODERATION, held.isEmpty() ? "CLEAR" : "HELD")
                    .set(WEB_FEEDBACK.HELD_WORDS, held.isEmpty() ? null : String.join(", ", held))
                    .set(WEB_FEEDBACK.CLIENT, clientKey)
                    .set(WEB_FEEDBACK.CREATED_AT, utc(f.at()))
                    .execute();
            for (NewFeedback.StoredFile file : f.files()) {
                tx.insertInto(FEEDBACK_ATTACHMENT)
                        .set(FEEDBACK_ATTACHMENT.COMPLAINT_ID, id)
                        .set(FEEDBACK_ATTACHMENT.ORIGINAL_NAME, file.originalName())
                        .set(FEEDBACK_ATTACHMENT.MEDIA_TYPE, file.mediaType())
                        .set(FEEDBACK_ATTACHMENT.SIZE_BYTES, file.sizeBytes())
                        .set(FEEDBACK_ATTACHMENT.STORED_NAME, file.storedName())
                        .set(FEEDBACK_ATTACHMENT.SHA256, file.sha256())
                        .execute();
            }
            return new Outcome.Stored(id, held);
        });
    }

    @Override
    public Optional<Details> find(long complaintId) {
        List<Attachment> files = dsl.selectFrom(FEEDBACK_ATTACHMENT)
                .where(FEEDBACK_ATTACHMENT.COMPLAINT_ID.eq(complaintId)).orderBy(FEEDBACK_ATTACHMENT.ID)
                .fetch(r -> new Attachment(r.getId(), r.getComplaintId(), r.getOriginalName(), r.getMediaType(),
                        r.getSizeBytes(), r.getStoredName()));
        return dsl.select(WEB_FEEDBACK.fields()).select(APP_USER.DISPLAY_NAME).from(WEB_FEEDBACK)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(WEB_FEEDBACK.REVIEWED_BY))
                .where(WEB_FEEDBACK.COMPLAINT_ID.eq(complaintId))
                .fetchOptional(r -> new Details(r.get(WEB_FEEDBACK.COMPLAINT_ID), r.get(WEB_FEEDBACK.FULL_NAME),
                        r.get(WEB_FEEDBACK.PHONE), r.get(WEB_FEEDBACK.ADDRESS), r.get(WEB_FEEDBACK.EMAIL),
                        Topic.valueOf(r.get(WEB_FEEDBACK.TOPIC)), r.get(WEB_FEEDBACK.OFFICER_NAME),
                        r.get(WEB_FEEDBACK.RECEIPT_NO), r.get(WEB_FEEDBACK.BODY), r.get(WEB_FEEDBACK.MODERATION),
                        r.get(WEB_FEEDBACK.HELD_WORDS), instant(r.get(WEB_FEEDBACK.CREATED_AT)),
                        instant(r.get(WEB_FEEDBACK.REVIEWED_AT)), r.get(APP_USER.DISPLAY_NAME), files));
    }

    @Override
    public Optional<Attachment> attachment(long complaintId, long attachmentId) {
        return dsl.selectFrom(FEEDBACK_ATTACHMENT)
                .where(FEEDBACK_ATTACHMENT.ID.eq(attachmentId).and(FEEDBACK_ATTACHMENT.COMPLAINT_ID.eq(complaintId)))
                .fetchOptional(r -> new Attachment(r.getId(), r.getComplaintId(), r.getOriginalName(),
                        r.getMediaType(), r.getSizeBytes(), r.getStoredName()));
    }

    @Override
    public Set<Long> unreviewed(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return dsl.select(WEB_FEEDBACK.COMPLAINT_ID).from(WEB_FEEDBACK)
                .where(WEB_FEEDBACK.COMPLAINT_ID.in(ids).and(WEB_FEEDBACK.REVIEWED_AT.isNull()))
                .fetchSet(WEB_FEEDBACK.COMPLAINT_ID).stream().collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean review(long complaintId, long userId, Instant at) {
        return dsl.update(WEB_FEEDBACK)
                .set(WEB_FEEDBACK.REVIEWED_AT, utc(at))
                .set(WEB_FEEDBACK.REVIEWED_BY, userId)
                .set(WEB_FEEDBACK.MODERATION, DSL.when(WEB_FEEDBACK.MODERATION.eq("HELD"), "RELEASED")
                        .otherwise(WEB_FEEDBACK.MODERATION))
                .where(WEB_FEEDBACK.COMPLAINT_ID.eq(complaintId).and(WEB_FEEDBACK.REVIEWED_AT.isNull()))
                .execute() == 1;
    }

    @Override
    public Alert remind(LocalDate day, Instant now) {
        var counts = dsl.select(DSL.count(), DSL.count().filterWhere(WEB_FEEDBACK.MODERATION.eq("HELD")),
                        DSL.min(WEB_FEEDBACK.CREATED_AT))
                .from(WEB_FEEDBACK).where(WEB_FEEDBACK.REVIEWED_AT.isNull()).fetchSingle();
        dsl.insertInto(FEEDBACK_ALERT)
                .set(FEEDBACK_ALERT.DAY, day)
                .set(FEEDBACK_ALERT.WAITING, counts.value1())
                .set(FEEDBACK_ALERT.HELD, counts.value2())
                .set(FEEDBACK_ALERT.OLDEST_AT, counts.value3())
                .set(FEEDBACK_ALERT.CREATED_AT, utc(now))
                .onConflictDoNothing().execute();
        return alert(dsl.selectFrom(FEEDBACK_ALERT).where(FEEDBACK_ALERT.DAY.eq(day)).fetchSingle());
    }

    @Override
    public Optional<Alert> latestAlert() {
        return dsl.selectFrom(FEEDBACK_ALERT).orderBy(FEEDBACK_ALERT.DAY.desc()).limit(1).fetchOptional()
                .map(JooqWebFeedbacks::alert);
    }

    private static Alert alert(vn.dancham.db.jooq.tables.records.FeedbackAlertRecord r) {
        return new Alert(r.getDay(), r.getWaiting(), r.getHeld(), instant(r.getOldestAt()), instant(r.getCreatedAt()));
    }

    static String clientKey(String client) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(("client:" + (client == null ? "" : client))
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
