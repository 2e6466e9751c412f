package vn.dancham.ivr.journal;

import vn.dancham.calls.CallLog;
import vn.dancham.ivr.testing.UnusedCallLog;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;

import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The scoring core's ports in memory, with the database's contract for answer keys (one key, one row), a switch
 * that makes them fail as an unreachable PostgreSQL does, and a rule for answers the database refuses.
 */
final class MemoryPorts {

    final Map<String, RatingSubmission> ratings = new LinkedHashMap<>();
    final Map<String, NewComplaint> complaints = new LinkedHashMap<>();
    final Map<String, Long> calls = new HashMap<>();
    final List<String> ends = new ArrayList<>();
    final Map<String, DossierStatus> dossiers = new HashMap<>();
    boolean down;

    MemoryPorts() {
        dossiers.put("20261234", new DossierStatus(100, new ReceiptNumber("20261234"), "Cấp giấy chứng nhận", 7,
                "Bộ phận một cửa huyện Gio Linh", 70L, "0912345678", Instant.parse("2026-10-01T02:00:00Z"),
                Instant.parse("2026-11-15T10:00:00Z"), null, "IN_PROGRESS", Optional.empty(), true));
    }

    Predicate<RatingSubmission> refuses = r -> false;
    /** Answers kept aside for HR, by key; with {@code keepAsideFails}, keeping one aside throws. */
    final Map<String, vn.dancham.rating.UnappliedAnswer> keptAside = new LinkedHashMap<>();
    boolean keepAsideFails;
    int writes;

    Ratings ratingPort() {
        return new Ratings() {
            @Override
            public RatingReceipt record(RatingSubmission s) {
                failIfDown();
                if (refuses.test(s)) {
                    throw new IllegalArgumentException("Unknown rating question " + s.questionCode());
                }
                writes++;
                ratings.putIfAbsent(s.answerKey(), s);
                return new RatingReceipt(ratings.size(), RatingReceipt.Outcome.COUNTED, false);
            }

            @Override
            public boolean keepAside(vn.dancham.rating.UnappliedAnswer answer) {
                failIfDown();
                if (keepAsideFails) {
                    throw new IllegalStateException("the inbox refuses it too");
                }
                keptAside.putIfAbsent(answer.answerKey(), answer);
                return true;
            }

            @Override
            public Ratings.IdentityCheck identityCheck(long dossierId, String callerNumber) {
                return Ratings.IdentityCheck.NONE;
            }

            @Override
            public List<RatingQuestion> activeQuestions() {
                return List.of();
            }
        };
    }

    Complaints complaintPort() {
        return c -> {
            failIfDown();
            writes++;
            complaints.putIfAbsent(c.answerKey(), c);
            return complaints.size();
        };
    }

    Dossiers dossierPort() {
        return new Dossiers() {
            @Override
            public Optional<DossierStatus> status(ReceiptNumber receipt) {
                failIfDown();
                return Optional.ofNullable(dossiers.get(receipt.digits()));
            }

            @Override
            public Optional<DossierTimeline> timeline(ReceiptNumber receipt) {
                throw new UnsupportedOperationException();
            }
        };
    }

    CallLog callLog() {
        return new UnusedCallLog() {
            @Override
            public void ended(long callId, Outcome outcome, String lastStep, Instant endedAt) {
                failIfDown();
                ends.add(callId + " " + outcome + " " + lastStep + " " + endedAt);
            }

            @Override
            public long journaledCall(CallStarted call, Instant lastAnswerAt) {
                failIfDown();
                return calls.computeIfAbsent(call.asteriskUniqueId(), k -> 1000L + calls.size());
            }
        };
    }

    JournalReplayer replayer(AnswerJournal journal) {
        return new JournalReplayer(journal, ratingPort(), complaintPort(), callLog(), dossierPort(), 3);
    }

    private void failIfDown() {
        if (down) {
            throw new IllegalStateException("Failed to obtain JDBC Connection", new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=0)"));
        }
    }
}
