package vn.dancham.ivr.hotline;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.calls.CallLog.Outcome;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.ivr.journal.JournalReplayer;
import vn.dancham.ivr.prompts.NameAudio;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database is down (every port fails as a stopped PostgreSQL behind HikariCP does): callers keep hearing
 * prompts, lookups are apologised for, answers go to the real journal and reach the ports once when replayed.
 */
class HotlineDatabaseOutageTest {

    static final String RECEIPT = "20261234#";
    Fakes fakes;
    HotlineSettings settings;

    @BeforeEach
    void setUp() {
        fakes = new Fakes();
        fakes.dossiers.put("20261234", Fakes.lateDossier());
        settings = HotlineSettings.defaults(Path.of("/var/spool/dancham/recordings"));
    }

    HotlineFlow flow(Ratings ratings) {
        return new HotlineFlow(fakes.dossierPort(), ratings, fakes.rosterPort(), fakes.officePort(),
                fakes.callLog(), fakes.complaintPort(), fakes.journal, settings, NameAudio.of(Map.of()),
                Clock.fixed(Fakes.NOW, ZoneOffset.UTC), "node-a");
    }

    HotlineFlow flow() {
        return flow(fakes.ratingPort());
    }

    static CallInfo info(String uniqueId) {
        return new CallInfo(uniqueId, "0912345678", "1022", "PJSIP/trunk-0001", "12");
    }

    JournalReplayer replayer() {
        return new JournalReplayer(fakes.journal, fakes.ratingPort(), fakes.complaintPort(), fakes.callLog(),
                fakes.dossierPort(), 3);
    }

    @Test
    void aStatusLookupIsApologisedForAndTheCallerGoesBackToTheMenu() {
        fakes.databaseDown = true;
        FakeCaller caller = new FakeCaller("1 " + RECEIPT + " 1 T T T");
        Outcome outcome = flow().handle(caller, info("u.1"));
        assertThat(caller.playedNames()).containsSubsequence("CONFIRM_RECEIPT", "SERVICE_UNAVAILABLE",
                "BACK_TO_MENU", "ANYTHING_ELSE", "MAIN_MENU", "GOODBYE");
        assertThat(caller.playedNames()).doesNotContain("SORRY_LATER");
        assertThat(outcome).isEqualTo(Outcome.ABANDONED);
        assertThat(fakes.ended).as("the call row could not be written").isZero();
    }

    @Test
    void ratingsByReceiptAreKeptInTheJournalAndTheCallerIsToldTheyWillBeRecorded() {
        fakes.databaseDown = true;
        FakeCaller caller = new FakeCaller("2 1 " + RECEIPT + " 1 4321# 5 4 3");
        Outcome outcome = flow().handle(caller, info("u.2"));
        assertThat(caller.playedNames()).as("who the applicant is cannot be looked up: every caller is asked")
                .containsSubsequence("CONFIRM_RECEIPT", "PHONE_DIGITS", "RATE_SCALE", "QUESTION_ATTITUDE",
                "QUESTION_TIMELINESS", "QUESTION_OVERALL", "ANSWER_KEPT");
        assertThat(caller.playedNames()).doesNotContain("RATING_THANKS", "SORRY_LATER");
        assertThat(outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(fakes.journal.pending()).isEqualTo(3);
        assertThat(fakes.ratings).isEmpty();

        assertThat(replayer().replayNow().outage()).as("still down: nothing replayed").isNotNull();
        assertThat(fakes.journal.pending()).isEqualTo(3);

        fakes.databaseDown = false;
        JournalReplayer.Pass pass = replayer().replayNow();
        assertThat(pass.written()).isEqualTo(3);
        assertThat(pass.pending()).isZero();
        assertThat(fakes.ratings).extracting(RatingSubmission::dossierId).containsOnly(100L);
        assertThat(fakes.ratings).extracting(RatingSubmission::questionCode, RatingSubmission::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ATTITUDE", 5),
                        org.assertj.core.groups.Tuple.tuple("TIMELINESS", 4),
                        org.assertj.core.groups.Tuple.tuple("OVERALL", 3));
        assertThat(fakes.ratings).allSatisfy(r -> {
            assertThat(r.answerKey()).startsWith("u.2/");
            assertThat(r.givenAt()).isEqualTo(Fakes.NOW);
            assertThat(r.callId()).as("the call row is made on replay").isEqualTo(43L);
            assertThat(r.knownDigits()).as("the knowledge check is replayed with each answer").isEqualTo("4321");
            assertThat(r.test()).isFalse();
        });
        assertThat(fakes.events).contains("JOURNALED u.2");
        assertThat(replayer().replayNow().written()).as("nothing twice").isZero();
    }

    @Test
    void anOfficeSeenBeforeTheOutageCanStillBeRated() {
        HotlineFlow flow = flow();
        flow.handle(new FakeCaller("2 2 12# 5 5 5"), info("u.3"));
        assertThat(fakes.ratings).hasSize(3);
        fakes.databaseDown = true;
        FakeCaller caller = new FakeCaller("2 2 12# 1 2 3");
        flow.handle(caller, info("u.4"));
        assertThat(caller.playedNames()).containsSubsequence("RATING_FOR", "QUESTION_OVERALL", "ANSWER_KEPT");
        assertThat(fakes.journal.pending()).isEqualTo(3);
        FakeCaller unknown = new FakeCaller("2 2 34#");
        flow.handle(unknown, info("u.5"));
        assertThat(unknown.playedNames()).as("an office never looked up cannot be checked now")
                .containsSubsequence("ENTER_OFFICE", "SERVICE_UNAVAILABLE", "BACK_TO_MENU", "MAIN_MENU");
    }

    @Test
    void aHarassmentReportIsKeptWithItsRecordingAndReplayedOnce() {
        fakes.databaseDown = true;
        FakeCaller caller = new FakeCaller("3 # #");
        flow().handle(caller, info("u.6"));
        assertThat(caller.playedNames()).containsSubsequence("HARASSMENT_RECORD", "ANSWER_KEPT", "ANYTHING_ELSE");
        assertThat(caller.playedNames()).doesNotContain("HARASSMENT_THANKS");
        assertThat(fakes.journal.pending()).isEqualTo(1);

        fakes.databaseDown = false;
        replayer().replayNow();
        assertThat(fakes.complaints).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NewComplaint.Kind.HARASSMENT);
            assertThat(c.recordingPath()).isEqualTo("2026/11/22/u_6-1.wav");
            assertThat(c.recordingState()).isEqualTo(NewComplaint.RecordingState.RECORDED);
            assertThat(c.officeId()).as("the call's office, looked up before the database went").isNull();
            assertThat(c.answerKey()).startsWith("u.6/");
        });
    }

    @Test
    void aComplaintLeftDuringTheOutageIsKept() {
        fakes.databaseDown = true;
        FakeCaller caller = new FakeCaller("4 # 2");
        flow().handle(caller, info("u.7"));
        assertThat(caller.playedNames()).containsSubsequence("COMPLAINT_REVIEW", "ANSWER_KEPT");
        fakes.databaseDown = false;
        replayer().replayNow();
        assertThat(fakes.complaints).singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(NewComplaint.Kind.COMPLAINT));
    }

    @Test
    void aCallWhoseRowWasOpenedBeforeTheDatabaseWentHasItsEndReplayed() {
        aCallThatLostTheDatabaseWhileTheScaleWasRead(true);
        assertThat(fakes.journal.pending()).as("three ratings and the call's end").isEqualTo(4);

        fakes.databaseDown = false;
        replayer().replayNow();
        assertThat(fakes.ratings).hasSize(3).allSatisfy(r -> assertThat(r.callId()).isEqualTo(42L));
        assertThat(fakes.events).contains("ENDED 42 COMPLETED MAIN_MENU " + Fakes.NOW)
                .doesNotContain("JOURNALED u.11");
    }

    /**
     * A rating call ends while the database is up and hands its end over; the database goes before the node's timer
     * writes it. The timer keeps the end in the journal (the call is long gone), and the replay closes the row with
     * the call's own time and outcome.
     */
    @Test
    void anEndHandedOverJustBeforeTheDatabaseWentIsKeptByTheTimerAndReplayed() {
        HotlineFlow flow = flow();
        flow.handle(new FakeCaller("2 2 12# 5 4 3"), info("u.12"));
        assertThat(fakes.ratings).hasSize(3);
        assertThat(fakes.ended).as("handed over, not written yet").isZero();
        fakes.databaseDown = true;

        assertThat(flow.writeEndedCalls()).isEqualTo(1);

        assertThat(flow.databaseDown()).isTrue();
        assertThat(fakes.journal.pending()).as("the call's end").isEqualTo(1);
        fakes.databaseDown = false;
        replayer().replayNow();
        assertThat(fakes.events).containsOnlyOnce("ENDED 42 COMPLETED MAIN_MENU " + Fakes.NOW);
        assertThat(replayer().replayNow().written()).as("nothing twice").isZero();
    }

    /**
     * A call whose row was not written yet (it had lasted less than a second and needed none) when the database went:
     * its answers are journalled without a row id, and the replay makes the row by Asterisk's unique id.
     */
    @Test
    void aCallWhoseRowWasNotWrittenWhenTheDatabaseWentHasItMadeByTheReplay() {
        aCallThatLostTheDatabaseWhileTheScaleWasRead(false);
        assertThat(fakes.journal.pending()).as("three ratings; no end: the call has no row to close").isEqualTo(3);
        assertThat(fakes.events).as("nothing written live").noneMatch(e -> e.startsWith("START"));

        fakes.databaseDown = false;
        replayer().replayNow();
        assertThat(fakes.ratings).hasSize(3).allSatisfy(r -> assertThat(r.callId()).isEqualTo(43L));
        assertThat(fakes.events).containsOnlyOnce("JOURNALED u.11");
    }

    private void aCallThatLostTheDatabaseWhileTheScaleWasRead(boolean rowWrittenBefore) {
        HotlineFlow flow = flow();
        FakeCaller keys = new FakeCaller("2 2 12# 5 4 3");
        Caller caller = new Caller() { // the database stops while the rating scale is read out
            @Override
            public char play(vn.dancham.ivr.prompts.Clip clip, String escapeDigits) {
                if ("RATE_SCALE".equals(clip.catalogName())) {
                    if (rowWrittenBefore) {
                        // The node's timer wrote the row of the call in progress (it had lasted a second).
                        flow.callOpens.writeLongerThan(Duration.ZERO);
                    }
                    fakes.databaseDown = true;
                }
                return keys.play(clip, escapeDigits);
            }

            @Override
            public String getData(vn.dancham.ivr.prompts.Clip clip, Duration timeout, int maxDigits) {
                return keys.getData(clip, timeout, maxDigits);
            }

            @Override
            public void testNote(TestNote note) {
                keys.testNote(note);
            }

            @Override
            public char waitForDigit(Duration timeout) {
                return keys.waitForDigit(timeout);
            }

            @Override
            public Recording record(String file, Duration maxLength, Duration silence) {
                return keys.record(file, maxLength, silence);
            }

            @Override
            public String dial(String dialString, Duration timeout) {
                return keys.dial(dialString, timeout);
            }

            @Override
            public void hangup() {
                keys.hangup();
            }
        };
        Outcome outcome = flow.handle(caller, info("u.11"));
        assertThat(outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(keys.playedNames()).containsSubsequence("QUESTION_OVERALL", "ANSWER_KEPT", "MAIN_MENU");
        assertThat(fakes.ended).as("not closed live").isZero();
    }

    @Test
    void aWriteThatReachedTheDatabaseButLostItsReplyIsNotDoubledByTheReplay() {
        fakes.loseReplies = true;
        FakeCaller caller = new FakeCaller("2 2 12# 5 5 5");
        flow().handle(caller, info("u.8"));
        assertThat(fakes.ratings).as("the first answer got in; then the database counts as down").hasSize(1);
        assertThat(fakes.journal.pending()).as("all kept (the hotline could not know), and the call's end")
                .isEqualTo(4);
        fakes.loseReplies = false;
        assertThat(replayer().replayNow().written()).isEqualTo(4);
        assertThat(fakes.ratings).as("the same answer keys: stored once").hasSize(3);
    }

    /**
     * A database too slow for the hotline's time limits: the limits are the database's own (statement_timeout,
     * lock_timeout, the pool's and the driver's timeouts, see docs/ivr.md), so what the flow sees is the driver's
     * failure, here PostgreSQL's "canceling statement due to statement timeout". The caller's answer is kept, and
     * nobody after the first waits on the database: the breaker is open and no later call is even tried.
     */
    @Test
    void aStatementStoppedByTheDatabaseTimeLimitIsKeptAndNobodyElseWaits() {
        java.util.concurrent.atomic.AtomicInteger tried = new java.util.concurrent.atomic.AtomicInteger();
        Ratings slow = new Ratings() {
            @Override
            public RatingReceipt record(RatingSubmission submission) {
                tried.incrementAndGet();
                throw new IllegalStateException("write failed", new java.sql.SQLException(
                        "ERROR: canceling statement due to statement timeout", "57014"));
            }

            @Override
            public Ratings.IdentityCheck identityCheck(long dossierId, String callerNumber) {
                return Ratings.IdentityCheck.NONE;
            }

            @Override
            public List<RatingQuestion> activeQuestions() {
                return fakes.questions;
            }
        };
        settings = new HotlineSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(120),
                Duration.ofSeconds(5), "PJSIP/{number}@trunk", Duration.ofSeconds(30), Path.of("/rec"),
                ZoneOffset.UTC, null, Duration.ofSeconds(3), Duration.ofHours(1));
        HotlineFlow flow = flow(slow);
        FakeCaller caller = new FakeCaller("2 2 12# 5 4 3");
        flow.handle(caller, info("u.9"));
        assertThat(caller.playedNames()).containsSubsequence("QUESTION_OVERALL", "ANSWER_KEPT");
        assertThat(caller.playedNames()).doesNotContain("SORRY_LATER", "SERVICE_UNAVAILABLE");
        assertThat(fakes.journal.pending()).as("three ratings and the call's end").isEqualTo(4);
        assertThat(tried).as("after the first failure nobody else tries the database").hasValue(1);
        assertThat(flow.databaseDown()).isTrue();
    }

    @Test
    void whenTheJournalCannotBeWrittenEitherTheCallerIsToldAndTheCallGoesOn() throws Exception {
        fakes.databaseDown = true;
        // The journal's directory replaced by a plain file: no segment can be created (even for root).
        java.nio.file.Path dir = fakes.journal.directory();
        java.nio.file.Files.delete(dir);
        java.nio.file.Files.writeString(dir, "not a directory");
        FakeCaller caller = new FakeCaller("2 1 " + RECEIPT + " 1 # 5");
        flow().handle(caller, info("u.10"));
        assertThat(caller.playedNames()).containsSubsequence("QUESTION_ATTITUDE", "SERVICE_UNAVAILABLE",
                "ANYTHING_ELSE", "MAIN_MENU");
        assertThat(caller.playedNames()).doesNotContain("ANSWER_KEPT");
    }
}
