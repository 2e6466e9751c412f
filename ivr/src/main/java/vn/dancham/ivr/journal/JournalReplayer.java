package vn.dancham.ivr.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.calls.CallLog;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;
import vn.dancham.rating.UnappliedAnswer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the journal's answers to the database once it is back, oldest segment first, through the same ports as
 * live answers (so a harassment report opens its incident as it would have). Nothing is lost: a segment is deleted
 * only when each of its answers is in the database (a rating it refuses kept aside for HR with the rating writer's)
 * or set aside in {@code rejected.log}. Nothing is doubled: each
 * answer carries its answer key, which the database stores once however often the answer is replayed (after a
 * crash mid-segment, or when the live write got through after all).
 * <p>
 * A pass stops at the first sign that the database is still away; an answer the database refuses while it is
 * there is retried on the next passes and set aside after {@code maxAttempts}.
 */
public final class JournalReplayer {

    private static final Logger log = LoggerFactory.getLogger(JournalReplayer.class);

    private final AnswerJournal journal;
    private final Ratings ratings;
    private final Complaints complaints;
    private final CallLog callLog;
    private final Dossiers dossiers;
    private final int maxAttempts;
    private final Map<String, Integer> refusals = new HashMap<>();
    private final Map<String, Long> callIds = new HashMap<>();
    private final Map<String, Optional<DossierStatus>> dossiersSeen = new HashMap<>();

    public JournalReplayer(AnswerJournal journal, Ratings ratings, Complaints complaints, CallLog callLog,
                           Dossiers dossiers, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive: " + maxAttempts);
        }
        this.journal = journal;
        this.ratings = ratings;
        this.complaints = complaints;
        this.callLog = callLog;
        this.dossiers = dossiers;
        this.maxAttempts = maxAttempts;
    }

    /**
     * What one pass did.
     *
     * @param written  answers written (or found already written) in this pass
     * @param rejected answers set aside for good in this pass (ratings kept aside for HR, or in rejected.log)
     * @param pending  answers still in the journal after the pass
     * @param outage   the failure that stopped the pass because the database is away, or null
     */
    public record Pass(int written, int rejected, long pending, String outage) {
    }

    /** One pass over the journal; never throws for a database that is away. */
    public synchronized Pass replayNow() {
        // Within a pass, a call's row and a receipt's dossier are looked up once (a busy outage keeps thousands of
        // answers of the same calls and dossiers).
        callIds.clear();
        dossiersSeen.clear();
        int written = 0;
        int rejected = 0;
        List<Path> segments = journal.sealedSegments();
        if (segments.isEmpty() && journal.sealCurrent()) {
            segments = journal.sealedSegments();
        }
        for (Path path : segments) {
            AnswerJournal.Segment segment = AnswerJournal.read(path);
            boolean complete = true;
            for (AnswerJournal.Entry entry : segment.answers()) {
                KeptAnswer answer = entry.answer();
                try {
                    apply(answer);
                    refusals.remove(answer.key());
                    written++;
                } catch (RuntimeException e) {
                    if (Outages.isOutage(e)) {
                        log.debug("Journal replay waits: the database is away ({})", e.toString());
                        return new Pass(written, rejected, journal.pending(), rootCause(e).toString());
                    }
                    int attempts = refusals.merge(answer.key(), 1, Integer::sum);
                    if (attempts < maxAttempts) {
                        log.warn("Journal answer {} refused by the database (attempt {} of {}): {}", answer.key(),
                                attempts, maxAttempts, e.toString());
                        complete = false;
                        continue;
                    }
                    refusals.remove(answer.key());
                    rejected++;
                    if (keptAsideForHr(answer, e)) {
                        continue;
                    }
                    log.error("Journal answer {} refused {} times, set aside in {}: {}", answer.key(), attempts,
                            AnswerJournal.REJECTED, entry.line(), e);
                    journal.reject(entry.line(), e.toString());
                }
            }
            if (!complete) {
                continue;
            }
            for (AnswerJournal.Damaged damaged : segment.damaged()) {
                if (damaged.tornTail()) {
                    // Torn by a crash while it was being written: fsync had not returned, so the caller was not
                    // thanked for it. Reported, not replayed.
                    log.warn("Journal segment {} ends in a torn line, ignored: {}", path, damaged.line());
                } else {
                    log.error("Journal segment {} has a damaged line, set aside in {}: {}", path,
                            AnswerJournal.REJECTED, damaged.line());
                    journal.reject(damaged.line(), "damaged: " + damaged.reason());
                    rejected++;
                }
            }
            journal.retire(segment);
        }
        if (written > 0 || rejected > 0) {
            log.info("Journal replay wrote {} answer(s), set aside {}; {} still pending", written, rejected,
                    journal.pending());
        }
        return new Pass(written, rejected, journal.pending(), null);
    }

    private void apply(KeptAnswer answer) {
        long callId = callId(answer);
        switch (answer) {
            case KeptRating r -> {
                Long dossierId = r.dossierId();
                Long officeId = r.officeId();
                if (dossierId == null && r.receiptNo() != null) {
                    DossierStatus dossier = lookUp(r.receiptNo()).orElseThrow(() -> new IllegalArgumentException(
                            "No dossier has receipt number " + r.receiptNo()));
                    dossierId = dossier.dossierId();
                    officeId = dossier.receivingOfficeId();
                }
                RatingSubmission submission = new RatingSubmission(callId, dossierId, officeId, r.questionCode(),
                        r.value(), r.call().callerNumber(), r.at(), RatingSubmission.Channel.PHONE, r.key())
                        .withKnownDigits(r.knownDigits());
                ratings.record(r.call().test() ? submission.asTest() : submission);
            }
            case KeptComplaint k -> {
                Long dossierId = k.dossierId();
                Long officeId = k.officeId();
                if (dossierId == null && k.receiptNo() != null) {
                    // A report stands without its dossier: an unknown receipt number is kept as typed.
                    Optional<DossierStatus> dossier = lookUp(k.receiptNo());
                    if (dossier.isPresent()) {
                        dossierId = dossier.get().dossierId();
                        officeId = officeId != null ? officeId : dossier.get().receivingOfficeId();
                    }
                }
                NewComplaint complaint = new NewComplaint(k.kind(), callId, dossierId, k.receiptNo(), officeId, null,
                        k.call().callerNumber(), k.recordingPath(), k.recordingSeconds(), k.recordingState(), k.at(),
                        k.key());
                complaints.record(k.call().test() ? complaint.asTest() : complaint);
            }
            case KeptCallEnd e -> callLog.ended(callId, e.outcome(), e.lastStep(), e.at());
        }
    }

    /**
     * A rating the database keeps refusing (its question or dossier unknown, a rule's fault) goes where HR sees the
     * answers the rating writer set aside, and can count it again once the cause is mended; the receipt number the
     * caller typed is kept as typed. Only when that fails too (or for a test call's answer, which counts nowhere)
     * does the answer go to the node's rejected.log, for an operator.
     */
    private boolean keptAsideForHr(KeptAnswer answer, RuntimeException refusal) {
        if (!(answer instanceof KeptRating r) || r.call().test()) {
            return false;
        }
        try {
            boolean kept = ratings.keepAside(new UnappliedAnswer(callId(r), r.dossierId(),
                    r.dossierId() == null ? r.receiptNo() : null, r.officeId(), r.questionCode(), r.value(),
                    r.call().callerNumber(), r.at(), r.key(), r.knownDigits(), refusal.toString()));
            if (kept) {
                log.error("Journal answer {} refused {} times, kept aside for HR with the rating writer's "
                        + "(/ratings/set-aside): {}", r.key(), maxAttempts, refusal.toString());
            }
            return kept;
        } catch (RuntimeException e) {
            log.warn("Journal answer {} could not be kept aside for HR either ({})", r.key(), e.toString());
            return false;
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private long callId(KeptAnswer answer) {
        JournalCall c = answer.call();
        if (c.callId() != null) {
            return c.callId();
        }
        Long known = callIds.get(c.uniqueId());
        if (known != null) {
            return known;
        }
        long id = callLog.journaledCall(new CallLog.CallStarted(c.uniqueId(), c.callerNumber(), c.dnis(),
                c.channel(), c.node(), c.startedAt(), c.test()), answer.at());
        callIds.put(c.uniqueId(), id);
        return id;
    }

    private Optional<DossierStatus> lookUp(String receiptNo) {
        Optional<DossierStatus> seen = dossiersSeen.get(receiptNo);
        if (seen != null) {
            return seen;
        }
        ReceiptNumber receipt = ReceiptNumber.parse(receiptNo);
        Optional<DossierStatus> found = receipt == null ? Optional.empty() : dossiers.status(receipt);
        dossiersSeen.put(receiptNo, found);
        return found;
    }
}
