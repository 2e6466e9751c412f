package vn.dancham.ivr.hotline;

import vn.dancham.calls.CallLog;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.escalation.DutyContact;
import vn.dancham.escalation.DutyRoster;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;

import vn.dancham.ivr.journal.AnswerJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory stand-ins for the scoring core's ports, recording what the flow did. */
final class Fakes {

    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z"); // 10:00 in Hà Nội

    final Map<String, DossierStatus> dossiers = new HashMap<>();
    final List<RatingSubmission> ratings = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<RatingQuestion> questions = new ArrayList<>(List.of(
            new RatingQuestion(1, "ATTITUDE", "ATTITUDE", 1, "Thái độ", "Attitude"),
            new RatingQuestion(2, "TIMELINESS", "TIMELINESS", 2, "Thời gian", "Timeliness"),
            new RatingQuestion(3, "OVERALL", "OVERALL", 3, "Hài lòng chung", "Overall")));
    final Map<Long, List<DutyContact>> roster = new HashMap<>();
    final Map<String, OfficeDirectory.Office> offices = new HashMap<>();
    final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<NewComplaint> complaints = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<LeaderCallMissed> missed = new ArrayList<>();
    final List<CallLog.LeaderRing> rings = new ArrayList<>();
    /** Dossiers whose applicant phone is on file with the knowledge check on: other callers are asked. */
    final java.util.Set<Long> askPhoneDigitsFor = new java.util.HashSet<>();
    final List<String> identityChecks = java.util.Collections.synchronizedList(new ArrayList<>());
    CallLog.Outcome outcome;
    String lastStep;
    /** How many events each write of the call log carried, and how many had been written when the row closed. */
    final List<Integer> eventWrites = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile int eventsWrittenWhenEnded = -1;
    /** Each write of call rows: "OPEN n" (rows opened together), "WHOLE n" (calls written whole at their end). */
    final List<String> rowWrites = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile int ended;
    /** Every port fails as a stopped PostgreSQL behind HikariCP does. */
    volatile boolean databaseDown;
    /** Writes go through, but the connection drops before the reply (the write is in the database). */
    volatile boolean loseReplies;
    /** A real journal in a fresh temporary directory. */
    final AnswerJournal journal;

    Fakes() {
        try {
            journal = AnswerJournal.open(Files.createTempDirectory("dancham-journal"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        offices.put("12", new OfficeDirectory.Office(7, "Bộ phận một cửa huyện Gio Linh"));
        offices.put("34", new OfficeDirectory.Office(8, "Phòng Tài nguyên và Môi trường huyện Gio Linh"));
    }

    static DossierStatus lateDossier() {
        return new DossierStatus(100, new ReceiptNumber("20261234"), "Cấp giấy chứng nhận quyền sử dụng đất", 7,
                "Bộ phận một cửa huyện Gio Linh", 70L, "0912345678", Instant.parse("2026-10-01T02:00:00Z"),
                Instant.parse("2026-11-15T10:00:00Z"), null, "IN_PROGRESS",
                Optional.of(new DossierStatus.CurrentStage("Thẩm định hồ sơ", 8,
                        "Phòng Tài nguyên và Môi trường huyện Gio Linh", 80L, "Trần Văn Bình",
                        Instant.parse("2026-11-17T02:00:00Z"), Instant.parse("2026-11-20T10:00:00Z"))),
                true);
    }

    Dossiers dossierPort() {
        return new Dossiers() {
            @Override
            public Optional<DossierStatus> status(ReceiptNumber receipt) {
                failIfDown();
                return Optional.ofNullable(dossiers.get(receipt.digits()));
            }

            @Override
            public Optional<vn.dancham.dossier.DossierTimeline> timeline(ReceiptNumber receipt) {
                throw new UnsupportedOperationException("the hotline reads the status only");
            }
        };
    }

    Ratings ratingPort() {
        return new Ratings() {
            @Override
            public RatingReceipt record(RatingSubmission submission) {
                failIfDown();
                synchronized (ratings) {
                    // as the database does (V51): one answer key, one rating
                    boolean known = submission.answerKey() != null && ratings.stream()
                            .anyMatch(r -> submission.answerKey().equals(r.answerKey()));
                    if (!known) {
                        ratings.add(submission);
                    }
                }
                loseReplyIfAsked();
                return new RatingReceipt(submission.hashCode(), RatingReceipt.Outcome.COUNTED,
                        "0912345678".equals(submission.callerNumber()));
            }

            @Override
            public Ratings.IdentityCheck identityCheck(long dossierId, String callerNumber) {
                failIfDown();
                identityChecks.add(dossierId + " " + callerNumber);
                if ("0912345678".equals(callerNumber)) {
                    return Ratings.IdentityCheck.APPLICANT;
                }
                return askPhoneDigitsFor.contains(dossierId) ? Ratings.IdentityCheck.ASK_PHONE_DIGITS
                        : Ratings.IdentityCheck.NONE;
            }

            @Override
            public List<RatingQuestion> activeQuestions() {
                failIfDown();
                return questions;
            }
        };
    }

    DutyRoster rosterPort() {
        return new DutyRoster() {
            @Override
            public List<DutyContact> onDuty(long officeId, Instant at) {
                failIfDown();
                return roster.getOrDefault(officeId, List.of());
            }

            @Override
            public List<DutyContact> onDutyForUnit(long adminUnitId, Instant at) {
                return List.of();
            }
        };
    }

    OfficeDirectory officePort() {
        return code -> {
            failIfDown();
            return Optional.ofNullable(offices.get(code));
        };
    }

    Complaints complaintPort() {
        return complaint -> {
            failIfDown();
            synchronized (complaints) {
                boolean known = complaint.answerKey() != null && complaints.stream()
                        .anyMatch(c -> complaint.answerKey().equals(c.answerKey()));
                if (!known) {
                    complaints.add(complaint);
                }
            }
            loseReplyIfAsked();
            return complaint.hashCode();
        };
    }

    CallLog callLog() {
        return new CallLog() {
            @Override
            public long started(CallStarted call) {
                failIfDown();
                events.add("START " + call.asteriskUniqueId());
                return 42;
            }

            @Override
            public java.util.List<Long> started(java.util.List<CallStarted> calls) {
                failIfDown();
                rowWrites.add("OPEN " + calls.size());
                return CallLog.super.started(calls);
            }

            @Override
            public void endedUnopened(java.util.List<WholeCall> calls) {
                failIfDown();
                rowWrites.add("WHOLE " + calls.size());
                CallLog.super.endedUnopened(calls);
            }

            @Override
            public void event(long callId, String step, EventKind kind, String detail) {
                failIfDown();
                events.add(kind + " " + step + (detail == null ? "" : " " + detail));
            }

            @Override
            public void events(long callId, java.util.List<Event> batch) {
                failIfDown();
                eventWrites.add(batch.size());
                CallLog.super.events(callId, batch);
            }

            @Override
            public synchronized void ended(long callId, Outcome o, String step) {
                failIfDown();
                // A synchronized list's stream is not synchronized: other calls' writers add while we sum.
                synchronized (eventWrites) {
                    eventsWrittenWhenEnded = eventWrites.stream().mapToInt(Integer::intValue).sum();
                }
                ended++;
                outcome = o;
                lastStep = step;
            }

            @Override
            public synchronized void ended(long callId, Outcome o, String step, Instant at) {
                failIfDown();
                events.add("ENDED " + callId + " " + o + " " + step + " " + at);
            }

            @Override
            public LeaderCallMissed leaderCallMissed(long callId, Long officeId, String callerNumber, String reason,
                                                     java.util.List<LeaderCallMissed.Try> tries) {
                LeaderCallMissed event = new LeaderCallMissed(callId, officeId, 1L, callerNumber, NOW, reason,
                        tries);
                missed.add(event);
                return event;
            }

            @Override
            public void leaderRung(long callId, Long officeId, LeaderRing ring) {
                failIfDown();
                rings.add(ring);
            }

            @Override
            public long journaledCall(CallStarted call, Instant lastAnswerAt) {
                failIfDown();
                events.add("JOURNALED " + call.asteriskUniqueId());
                return 43;
            }

            @Override
            public int closeInterrupted(String node, Duration staleAfter) {
                return 0;
            }
        };
    }

    private void loseReplyIfAsked() {
        if (loseReplies) {
            throw new IllegalStateException("I/O error", new java.sql.SQLRecoverableException(
                    "An I/O error occurred while sending to the backend.", "08006"));
        }
    }

    private void failIfDown() {
        if (databaseDown) {
            throw new IllegalStateException("Failed to obtain JDBC Connection", new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=0)"));
        }
    }
}
