package vn.dancham.ivr.hotline;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.Outcome;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.escalation.DutyContact;
import vn.dancham.ivr.prompts.NameAudio;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What issue 13 found when the hotline met a real Asterisk: the right prompt on the leader path, the caller's key
 * during the listen-back, calls recorded as what they were, no empty complaints, and the application's own beep.
 */
class HotlineOnARealSiteTest {

    Fakes fakes;
    HotlineSettings settings;
    Clock clock = Clock.fixed(Fakes.NOW, ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        fakes = new Fakes();
        fakes.dossiers.put("20261234", Fakes.lateDossier());
        settings = HotlineSettings.defaults(Path.of("/var/spool/dancham/recordings"));
    }

    FakeCaller run(FakeCaller caller, CallInfo info) {
        HotlineFlow flow = new HotlineFlow(fakes.dossierPort(), fakes.ratingPort(), fakes.rosterPort(),
                fakes.officePort(), fakes.callLog(), fakes.complaintPort(), fakes.journal, settings,
                NameAudio.of(Map.of("Phòng Tài nguyên và Môi trường huyện Gio Linh", "names/phong-tnmt-abc123")),
                clock, "node-a");
        flow.handle(caller, info);
        flow.writeEndedCalls();
        assertThat(fakes.ended).as("the call row is closed exactly once").isEqualTo(1);
        return caller;
    }

    FakeCaller call(String keys) {
        return run(new FakeCaller(keys), new CallInfo("1700000000.1", "0912345678", "1022", "PJSIP/t-1", null));
    }

    static DutyContact leader(String phone, int level) {
        return new DutyContact("Lãnh đạo " + level, phone, level, "Phòng TN&MT");
    }

    @Test
    void theLeaderPathSaysWhoseLeaderNotThatTheCallerIsRating() {
        fakes.roster.put(8L, List.of(leader("0905333444", 1)));
        FakeCaller caller = call("0 34#");
        assertThat(caller.heard())
                .doesNotContain("Quý vị đang chấm điểm")
                .contains("Quý vị cần gặp lãnh đạo trực của Phòng Tài nguyên và Môi trường huyện Gio Linh");
        assertThat(caller.dialled).containsExactly("PJSIP/0905333444@trunk");
    }

    @Test
    void sendPressedDuringTheListenBackSendsAtOnce() {
        FakeCaller caller = call("4 # 1 !2");
        assertThat(fakes.complaints).singleElement()
                .satisfies(c -> assertThat(c.recordingState()).isEqualTo(NewComplaint.RecordingState.RECORDED));
        assertThat(caller.playedNames()).containsSubsequence("COMPLAINT_REVIEW", "RECORDING", "COMPLAINT_THANKS");
        assertThat(caller.playedNames().stream().filter("COMPLAINT_REVIEW"::equals)).hasSize(1);
        assertThat(fakes.events).contains("KEY COMPLAINT_REVIEW 2");
    }

    @Test
    void recordAgainPressedDuringTheListenBackRecordsAgain() {
        FakeCaller caller = call("4 # 1 !3 # 2");
        assertThat(caller.recordedFiles).hasSize(2);
        assertThat(fakes.complaints).singleElement()
                .satisfies(c -> assertThat(c.recordingPath()).endsWith("-2.wav"));
    }

    @Test
    void aCallerWhoDeclinesTheMessageAfterABusyLeaderWasServedNotAbandoned() {
        fakes.roster.put(7L, List.of(leader("0905111222", 1)));
        FakeCaller caller = new FakeCaller("0 *");
        caller.dialStatus = "BUSY";
        run(caller, new CallInfo("1700000000.5", "0988000111", null, null, "12"));
        assertThat(fakes.missed).singleElement().satisfies(m -> assertThat(m.reason()).isEqualTo("BUSY"));
        assertThat(fakes.outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(fakes.complaints).isEmpty();
    }

    @Test
    void hangingUpAtTheMessageOfferAfterNoAnswerIsAServedCallToo() {
        fakes.roster.put(7L, List.of(leader("0905111222", 1)));
        FakeCaller caller = new FakeCaller("0 T H");
        caller.dialStatus = "NOANSWER";
        run(caller, new CallInfo("1700000000.6", "0988000111", null, null, "12"));
        assertThat(fakes.outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(fakes.lastStep).isEqualTo("LEADER_MISSED");
    }

    @Test
    void aCallerWhoSaysNothingAndHangsUpLeavesNoComplaint() {
        FakeCaller caller = new FakeCaller("4 # R");
        caller.recordingSeconds = 0;
        run(caller, new CallInfo("1700000000.7", "0912345678", null, null, null));
        assertThat(caller.playedNames()).contains("NOTHING_RECORDED");
        assertThat(fakes.complaints).as("no empty row in the handlers' inbox").isEmpty();
        assertThat(fakes.outcome).isEqualTo(Outcome.ABANDONED);
    }

    @Test
    void anEmptyMessageForTheLeaderIsNotStoredEither() {
        fakes.roster.put(7L, List.of(leader("0905111222", 1)));
        FakeCaller caller = new FakeCaller("0 1 R");
        caller.dialStatus = "BUSY";
        caller.recordingSeconds = 0;
        run(caller, new CallInfo("1700000000.8", "0988000111", null, null, "12"));
        assertThat(fakes.complaints).isEmpty();
        assertThat(fakes.missed).hasSize(1);
    }

    @Test
    void everyRecordingFollowsTheApplicationsOwnBeep() {
        FakeCaller caller = call("4 # 2");
        assertThat(caller.playedNames()).containsSubsequence("COMPLAINT_RECORD", "BEEP");
        assertThat(caller.playedNames().get(caller.playedNames().indexOf("BEEP") - 1)).isEqualTo("COMPLAINT_RECORD");
    }

    @Test
    void aHarassmentReportFollowsTheBeepToo() {
        FakeCaller reporter = call("3 # #");
        assertThat(reporter.playedNames()).containsSubsequence("HARASSMENT_RECORD", "BEEP", "HARASSMENT_THANKS");
    }

    // ---- the leader chain ----

    /** A clock the test moves on (the fake line moves it by each ring time). */
    static final class MovingClock extends Clock {
        private Instant now = Fakes.NOW;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    void threeLevelsOnDuty() {
        fakes.roster.put(7L, List.of(leader("0905000001", 1), leader("0905000002", 1), leader("0905000003", 2),
                leader("0905000004", 3)));
    }

    @Test
    void theChainRingsLevelAfterLevelUntilSomeoneAnswers() {
        threeLevelsOnDuty();
        FakeCaller caller = new FakeCaller("0");
        caller.dialStatuses.addAll(List.of("NOANSWER", "BUSY", "ANSWER"));
        run(caller, new CallInfo("1700000000.20", "0988000111", null, null, "12"));
        assertThat(caller.dialled).containsExactly("PJSIP/0905000001@trunk&PJSIP/0905000002@trunk",
                "PJSIP/0905000003@trunk", "PJSIP/0905000004@trunk");
        assertThat(caller.playedNames()).containsSubsequence("LEADER_CONNECTING", "LEADER_TRYING_NEXT",
                "LEADER_TRYING_NEXT");
        assertThat(caller.playedNames()).doesNotContain("LEADER_UNAVAILABLE");
        assertThat(fakes.outcome).isEqualTo(Outcome.TRANSFERRED);
        assertThat(fakes.missed).isEmpty();
        assertThat(fakes.events).contains("STEP LEADER_DIAL DIALSTATUS NOANSWER level 1 Lãnh đạo 1, Lãnh đạo 1 30s",
                "STEP LEADER_DIAL DIALSTATUS BUSY level 2 Lãnh đạo 2 30s");
        // Every ring is kept for the responsiveness figures, the answered one too (issue 18).
        assertThat(fakes.rings).extracting(CallLog.LeaderRing::level, CallLog.LeaderRing::dialStatus)
                .containsExactly(tuple(1, "NOANSWER"), tuple(2, "BUSY"), tuple(3, "ANSWER"));
        assertThat(fakes.rings.getFirst().people()).extracting(CallLog.Person::phone)
                .containsExactly("0905000001", "0905000002");
    }

    @Test
    void whenNoLevelAnswersOneMissedCallListsEveryTryThenAMessageIsOffered() {
        threeLevelsOnDuty();
        FakeCaller caller = new FakeCaller("0 *");
        caller.dialStatuses.addAll(List.of("NOANSWER", "BUSY", "CHANUNAVAIL"));
        run(caller, new CallInfo("1700000000.21", "0988000111", null, null, "12"));
        assertThat(caller.playedNames()).containsSubsequence("LEADER_CONNECTING", "LEADER_TRYING_NEXT",
                "LEADER_TRYING_NEXT", "LEADER_UNAVAILABLE", "LEADER_OFFER_MESSAGE");
        assertThat(fakes.missed).singleElement().satisfies(m -> {
            assertThat(m.reason()).isEqualTo("FAILED");
            assertThat(m.tries()).extracting(LeaderCallMissed.Try::level, LeaderCallMissed.Try::reason)
                    .containsExactly(tuple(1, "NO_ANSWER"), tuple(2, "BUSY"), tuple(3, "FAILED"));
            assertThat(m.tries().getFirst().people()).hasSize(2);
        });
    }

    @Test
    void theChainStopsAtItsTotalCap() {
        threeLevelsOnDuty();
        settings = settings.withLeaderChainTimeout(Duration.ofSeconds(45));
        MovingClock moving = new MovingClock();
        clock = moving;
        FakeCaller caller = new FakeCaller("0 *");
        caller.dialStatus = "NOANSWER";
        caller.whileRinging = moving::advance;
        run(caller, new CallInfo("1700000000.22", "0988000111", null, null, "12"));
        assertThat(caller.dialTimeouts).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(15));
        assertThat(fakes.missed).singleElement().satisfies(m -> assertThat(m.tries()).hasSize(2));
        assertThat(fakes.events).anyMatch(e -> e.contains("leader chain stopped"));
    }

    @Test
    void aCallerWhoHangsUpWhileTheNextLevelRingsStillLeavesTheMissedCall() {
        threeLevelsOnDuty();
        FakeCaller caller = new FakeCaller("0");
        caller.dialStatuses.addAll(List.of("NOANSWER", "CANCEL"));
        run(caller, new CallInfo("1700000000.23", "0988000111", null, null, "12"));
        assertThat(fakes.missed).singleElement().satisfies(m -> {
            assertThat(m.reason()).isEqualTo("NO_ANSWER");
            assertThat(m.tries()).hasSize(1);
        });
        assertThat(fakes.outcome).isEqualTo(Outcome.ABANDONED);
    }
}
