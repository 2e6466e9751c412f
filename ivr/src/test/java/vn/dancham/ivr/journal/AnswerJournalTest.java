package vn.dancham.ivr.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancham.complaint.NewComplaint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal's file format, what a crash leaves behind, and replays that lose nothing and double nothing. */
class AnswerJournalTest {

    static final Instant T = Instant.parse("2026-12-01T03:00:00Z");

    @TempDir
    Path dir;

    static JournalCall call(String uid, Long callId) {
        return new JournalCall(uid, callId, "0912345678", "1022", "PJSIP/trunk-1", "node-a", T);
    }

    static KeptRating rating(String key, int value) {
        return new KeptRating(key, call("1700000000.1", 42L), null, "20261234", null, "ATTITUDE", value,
                T.plusSeconds(30));
    }

    static KeptComplaint harassment(String key) {
        return new KeptComplaint(key, call("1700000000.2", null), NewComplaint.Kind.HARASSMENT, null, null, 7L,
                "2026/12/01/1700000000_2-1.wav", 12, NewComplaint.RecordingState.RECORDED, T.plusSeconds(60));
    }

    List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("answers-")).sorted().toList();
        }
    }

    @Test
    void everyFieldSurvivesTheLineFormatEvenTabsNewlinesAndVietnamese() {
        KeptComplaint odd = new KeptComplaint("u\t1/ké\\y\n", new JournalCall("u\t1", null, null, null,
                "PJSIP/Trung\\tâm\r\n", "nút-1", T), NewComplaint.Kind.LEADER_MESSAGE, 5L, "2026001", null, null,
                null, NewComplaint.RecordingState.FAILED, T);
        String line = JournalLines.encode(odd);
        assertThat(line).endsWith("\n").doesNotContain("\r");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        assertThat(JournalLines.decode(line.substring(0, line.length() - 1))).isEqualTo(odd);
        KeptRating r = rating("k1", 4);
        assertThat(JournalLines.decode(JournalLines.encode(r).strip())).isEqualTo(r);
    }

    @Test
    void theKnowledgeCheckDigitsAndTheTestMarkSurviveTheLineAndOldLinesStillRead() {
        KeptRating checked = new KeptRating("k3", new JournalCall("u.3", 7L, null, null, null, "node-a", T, true),
                100L, null, null, "ATTITUDE", 2, T, "0042");
        String line = JournalLines.encode(checked).strip();
        assertThat(line).contains("\tknown=0042").contains("\ttest=1");
        assertThat(JournalLines.decode(line)).isEqualTo(checked);
        KeptRating plain = rating("k1", 4);
        assertThat(JournalLines.encode(plain)).as("lines of answers without them are as before")
                .doesNotContain("known=").doesNotContain("test=");
        assertThat(((KeptRating) JournalLines.decode(JournalLines.encode(plain).strip())).knownDigits()).isNull();
    }

    @Test
    void aChangedByteIsCaughtByTheChecksum() {
        String line = JournalLines.encode(rating("k1", 4)).strip();
        assertThatThrownBy(() -> JournalLines.decode(line.replace("value=4", "value=5")))
                .hasMessageContaining("checksum");
    }

    @Test
    void keptAnswersAreOnDiskAndCountedAgainAfterARestart() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        journal.keep(rating("k1", 5));
        journal.keep(harassment("k2"));
        assertThat(journal.pending()).isEqualTo(2);
        // no close(): as after a kill -9
        AnswerJournal reopened = AnswerJournal.open(dir);
        assertThat(reopened.pending()).isEqualTo(2);
        reopened.keep(rating("k3", 1));
        assertThat(segments()).as("a restarted journal never appends to an old segment").hasSize(2);
        assertThat(reopened.pending()).isEqualTo(3);
    }

    @Test
    void aLineTornByACrashIsIgnoredAndReportedNotFatal() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        journal.keep(rating("k1", 5));
        journal.keep(rating("k2", 4));
        Path segment = segments().getFirst();
        String third = JournalLines.encode(rating("k3", 3));
        Files.writeString(segment, third.substring(0, third.length() / 2), StandardOpenOption.APPEND);

        AnswerJournal.Segment read = AnswerJournal.read(segment);
        assertThat(read.answers()).extracting(e -> e.answer().key()).containsExactly("k1", "k2");
        assertThat(read.damaged()).singleElement().satisfies(d -> assertThat(d.tornTail()).isTrue());

        AnswerJournal reopened = AnswerJournal.open(dir);
        assertThat(reopened.pending()).isEqualTo(2);
        MemoryPorts db = new MemoryPorts();
        JournalReplayer.Pass pass = db.replayer(reopened).replayNow();
        assertThat(pass.written()).isEqualTo(2);
        assertThat(pass.rejected()).as("a torn tail was never acknowledged to a caller").isZero();
        assertThat(db.ratings.keySet()).containsExactly("k1", "k2");
        assertThat(segments()).isEmpty();
        assertThat(reopened.pending()).isZero();
    }

    @Test
    void aDamagedLineInTheMiddleIsSetAsideForAPersonAndTheOthersAreWritten() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        journal.keep(rating("k1", 5));
        journal.keep(rating("k2", 4));
        journal.keep(rating("k3", 3));
        journal.close();
        Path segment = segments().getFirst();
        String text = Files.readString(segment);
        Files.writeString(segment, text.replace("key=k2", "key=kX"));

        AnswerJournal reopened = AnswerJournal.open(dir);
        MemoryPorts db = new MemoryPorts();
        JournalReplayer.Pass pass = db.replayer(reopened).replayNow();
        assertThat(db.ratings.keySet()).containsExactly("k1", "k3");
        assertThat(pass.rejected()).isEqualTo(1);
        assertThat(reopened.rejected()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("rejected.log"))).contains("checksum", "key=kX");
        assertThat(segments()).isEmpty();
    }

    @Test
    void aReplayStopsWhileTheDatabaseIsAwayAndFinishesWhenItIsBack() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        MemoryPorts db = new MemoryPorts();
        JournalReplayer replayer = db.replayer(journal);
        db.down = true;
        journal.keep(rating("k1", 5));
        JournalReplayer.Pass waiting = replayer.replayNow();
        assertThat(waiting.outage()).contains("Connection is not available");
        journal.keep(harassment("k2")); // a new segment: the first one was sealed for the replay
        assertThat(replayer.replayNow().pending()).isEqualTo(2);
        assertThat(segments()).hasSize(2);

        db.down = false;
        JournalReplayer.Pass pass = replayer.replayNow();
        assertThat(pass.outage()).isNull();
        assertThat(db.ratings).containsOnlyKeys("k1");
        assertThat(pass.pending()).as("the newer segment is sealed by the next pass").isEqualTo(1);
        replayer.replayNow();
        assertThat(db.complaints).containsOnlyKeys("k2");
        assertThat(db.calls).as("the call whose row could not be opened gets one").containsOnlyKeys("1700000000.2");
        assertThat(journal.pending()).isZero();
        assertThat(segments()).isEmpty();
    }

    @Test
    void aReplayCutShortAndRunAgainWritesEachAnswerOnce() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        for (int i = 1; i <= 5; i++) {
            journal.keep(rating("k" + i, i));
        }
        journal.close();
        MemoryPorts db = new MemoryPorts();
        // A replayer that dies after the third answer: its segment stays, nothing marks what was written.
        db.refuses = r -> {
            if (r.answerKey().equals("k4")) {
                throw new Error("replayer killed");
            }
            return false;
        };
        AnswerJournal first = AnswerJournal.open(dir);
        assertThatThrownBy(() -> db.replayer(first).replayNow()).hasMessage("replayer killed");
        assertThat(db.ratings).hasSize(3);

        db.refuses = r -> false;
        AnswerJournal second = AnswerJournal.open(dir);
        assertThat(second.pending()).isEqualTo(5);
        JournalReplayer.Pass pass = db.replayer(second).replayNow();
        assertThat(pass.written()).isEqualTo(5);
        assertThat(db.writes).as("k1..k3 were sent twice").isEqualTo(8);
        assertThat(db.ratings).as("and stored once").containsOnlyKeys("k1", "k2", "k3", "k4", "k5");
        assertThat(second.pending()).isZero();
    }

    @Test
    void anAnswerTheDatabaseRefusesIsRetriedThenKeptAsideForHr() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        journal.keep(rating("k1", 5));
        journal.keep(new KeptRating("k2", call("u", 1L), null, null, 3L, "GONE", 2, T));
        MemoryPorts db = new MemoryPorts();
        db.refuses = r -> r.questionCode().equals("GONE");
        JournalReplayer replayer = db.replayer(journal);
        assertThat(replayer.replayNow().rejected()).isZero();
        assertThat(replayer.replayNow().rejected()).isZero();
        assertThat(journal.pending()).isEqualTo(2);
        JournalReplayer.Pass third = replayer.replayNow();
        assertThat(third.rejected()).isEqualTo(1);
        assertThat(third.pending()).isZero();
        assertThat(db.ratings).containsOnlyKeys("k1");
        // Where HR sees it and counts it again once the question is back; not on the node's disk.
        assertThat(db.keptAside).containsOnlyKeys("k2");
        vn.dancham.rating.UnappliedAnswer aside = db.keptAside.get("k2");
        assertThat(aside.officeId()).isEqualTo(3L);
        assertThat(aside.questionCode()).isEqualTo("GONE");
        assertThat(aside.givenAt()).isEqualTo(T);
        assertThat(aside.reason()).contains("Unknown rating question GONE");
        assertThat(journal.rejected()).isZero();
    }

    @Test
    void aRatingWhoseReceiptNumberTurnsOutUnknownIsKeptAsideWithTheNumberAsTyped() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        journal.keep(rating("k1", 5));
        MemoryPorts db = new MemoryPorts();
        db.dossiers.clear(); // receipt 20261234 is not in this database
        JournalReplayer replayer = db.replayer(journal);
        for (int i = 0; i < 3; i++) {
            replayer.replayNow();
        }
        assertThat(journal.pending()).isZero();
        assertThat(db.keptAside.get("k1").receiptNo()).isEqualTo("20261234");
        assertThat(db.keptAside.get("k1").dossierId()).isNull();
        assertThat(db.keptAside.get("k1").reason()).contains("No dossier has receipt number 20261234");
        assertThat(journal.rejected()).isZero();
    }

    @Test
    void aRefusedAnswerThatCannotBeKeptAsideForHrEitherGoesToRejectedLogNotLost() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        journal.keep(rating("k1", 5));
        journal.keep(new KeptRating("k2", call("u", 1L), null, null, 3L, "GONE", 2, T));
        MemoryPorts db = new MemoryPorts();
        db.refuses = r -> r.questionCode().equals("GONE");
        db.keepAsideFails = true;
        JournalReplayer replayer = db.replayer(journal);
        for (int i = 0; i < 3; i++) {
            replayer.replayNow();
        }
        assertThat(journal.pending()).isZero();
        assertThat(db.keptAside).isEmpty();
        assertThat(journal.rejected()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("rejected.log"), StandardCharsets.UTF_8))
                .contains("Unknown rating question GONE", "key=k2");
    }

    @Test
    void theEndOfACallThatHasARowIsReplayedWithItsOwnTime() throws IOException {
        AnswerJournal journal = AnswerJournal.open(dir);
        KeptCallEnd end = new KeptCallEnd("k1", call("1700000000.1", 42L), vn.dancham.calls.CallLog.Outcome.COMPLETED,
                "MAIN_MENU", T.plusSeconds(95));
        assertThat(JournalLines.decode(JournalLines.encode(end).strip())).isEqualTo(end);
        journal.keep(end);
        MemoryPorts db = new MemoryPorts();
        db.replayer(journal).replayNow();
        assertThat(db.ends).containsExactly("42 COMPLETED MAIN_MENU " + T.plusSeconds(95));
        assertThatThrownBy(() -> new KeptCallEnd("k2", call("u", null), vn.dancham.calls.CallLog.Outcome.COMPLETED,
                "MAIN_MENU", T)).as("a call without a row has no end to replay").isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void aJournalWhoseDirectoryCannotBeMadeOpensButCannotKeep() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        AnswerJournal journal = AnswerJournal.open(file.resolve("journal"));
        assertThat(journal.pending()).isZero();
        assertThatThrownBy(() -> journal.keep(rating("k1", 5))).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(new MemoryPorts().replayer(journal).replayNow().written()).isZero();
    }

    @Test
    void outagesAreToldFromRefusalsByTheCauseChain() {
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("shutting down", "57P01")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new java.net.ConnectException("refused")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("statement timeout", "57014")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("lock timeout", "55P03")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("Unknown office 7"))).isFalse();
    }
}
