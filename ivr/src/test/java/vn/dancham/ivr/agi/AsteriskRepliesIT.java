package vn.dancham.ivr.agi;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.dancham.calls.CallLog.Outcome;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.escalation.DutyContact;
import vn.dancham.ivr.emulator.AgiConnection;
import vn.dancham.ivr.emulator.AgiEnvironment;
import vn.dancham.ivr.hotline.HotlineTestFlows;
import vn.dancham.ivr.testing.AgiTestCall;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hotline against the replies a real Asterisk 22.10 gave in issue 13 (see {@code ../shared/asterisk/}): a site
 * without core sounds, a key during the listen-back, hangups told apart from missing sounds, a caller who hangs up
 * before saying anything, a busy leader declined.
 */
class AsteriskRepliesIT {

    HotlineTestFlows flows;
    TestAgiServers.Running server;
    ListAppender<ILoggingEvent> agiLog;
    Logger agiLogger;

    @BeforeEach
    void start() {
        flows = new HotlineTestFlows();
        server = TestAgiServers.start(flows.flow());
        agiLogger = (Logger) LoggerFactory.getLogger(AgiCaller.class);
        agiLog = new ListAppender<>();
        agiLog.start();
        agiLogger.addAppender(agiLog);
    }

    @AfterEach
    void stop() {
        agiLogger.detachAppender(agiLog);
        server.close();
    }

    AgiTestCall call(String uniqueId, String actions) {
        return AgiTestCall.run("127.0.0.1", server.port(), "hotline", uniqueId, "0912345678", actions);
    }

    List<String> warnings() {
        return agiLog.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aComplaintIsRecordedOnASiteWithoutAsterisksCoreSounds() {
        AgiTestCall call = call("1796133196.10", "4 REC:6 2");
        int record = indexOf(call.commands(), "RECORD FILE");
        assertThat(record).isPositive();
        assertThat(call.commands().get(record - 1)).isEqualTo("STREAM FILE \"dancham/beep\" \"\"");
        assertThat(call.commands().get(record).split(" ")).doesNotContain("BEEP");
        assertThat(call.played()).contains("dancham/complaint-thanks").doesNotContain("dancham/recording-failed");
        assertThat(flows.complaints()).singleElement().satisfies(c -> {
            assertThat(c.recordingState()).isEqualTo(NewComplaint.RecordingState.RECORDED);
            assertThat(c.recordingSeconds()).isEqualTo(6);
        });
    }

    @Test
    void twoPressedDuringTheListenBackSendsTheComplaint() {
        // STREAM FILE "<recording>" "23" answered "200 result=50 endpos=4000": the caller pressed 2 (ASCII 50).
        AgiTestCall call = call("1796133196.11", "4 REC:6 1 !2");
        assertThat(call.played()).containsSubsequence("dancham/complaint-review", "dancham/complaint-thanks");
        assertThat(call.played().stream().filter("dancham/complaint-review"::equals)).hasSize(1);
        // The 2 was a key, not the end of the call: back at the main menu, where the caller (out of keys) hangs up.
        assertThat(call.played()).containsSubsequence("dancham/complaint-thanks", "dancham/main-menu");
        assertThat(call.callerHungUp()).isTrue();
        assertThat(flows.complaints()).hasSize(1);
    }

    @Test
    void aHangupDuringAPromptIsNoWarning() {
        // "200 result=-1 endpos=18720", a HANGUP line, then 511 to everything: the most ordinary end of a call.
        AgiTestCall call = call("1796133196.12", "HS");
        assertThat(call.played()).containsExactly("dancham/welcome");
        assertThat(flows.lastOutcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(warnings()).isEmpty();
    }

    /**
     * Once Asterisk has said the channel is gone (a prompt or a wait for a key cut by the caller's hangup, a 511),
     * HANGUP would only earn another 511: the call is not sent one (a command and its reply saved on most calls' last
     * step). A call the hotline ends itself is hung up as before.
     */
    @Test
    void aCallerWhoHungUpIsNotHungUpAgain() {
        assertThat(call("1796133196.20", "HS").commands()).doesNotContain("HANGUP");
        assertThat(call("1796133196.21", "MISSING H").commands()).doesNotContain("HANGUP");
        // WAIT FOR DIGIT answered "200 result=-1" then the HANGUP line: the caller hung up at the menu.
        AgiTestCall atTheMenu = call("1796133196.23", "");
        assertThat(atTheMenu.commands()).anyMatch(c -> c.startsWith("WAIT FOR DIGIT")).doesNotContain("HANGUP");
        assertThat(atTheMenu.callerHungUp()).isTrue();
        assertThat(call("1796133196.22", "T T T").commands()).contains("HANGUP");
    }

    /**
     * GET DATA answered {@code 200 result=-1} then the HANGUP line: the caller hung up while typing the receipt
     * number. That is the end of the call, not an empty entry to ask again for (nor a skipped knowledge check).
     */
    @Test
    void aCallerWhoHangsUpWhileTypingIsGoneNotSilent() {
        AgiTestCall call = call("1796133196.24", "1");
        // Ours end with the GET DATA (the library's AJ_AGISTATUS comes after every script).
        assertThat(call.commands().stream().filter(c -> !c.contains("AJ_AGISTATUS")).toList())
                .last().asString().startsWith("GET DATA");
        assertThat(call.callerHungUp()).isTrue();
        assertThat(flows.lastOutcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aHangupAtTheFirstSampleIsNoWarningEither() {
        // "200 result=-1 endpos=0" as for a missing file, but the next command gets 511: the caller had gone.
        AgiTestCall call = call("1796133196.13", "MISSING H");
        assertThat(call.commands()).contains("CHANNEL STATUS");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aMissingSoundIsAWarningNamingTheFileAndTheCallGoesOn() {
        AgiTestCall call = call("1796133196.14", "MISSING T T T");
        assertThat(call.played()).contains("dancham/main-menu", "dancham/goodbye");
        assertThat(warnings()).singleElement().asString().contains("dancham/welcome").contains("missing");
    }

    @Test
    void aCallerWhoRecordsNothingThenHangsUpLeavesNoComplaint() {
        // RECORD FILE answered "200 result=35 (dtmf) endpos=0" (# at once), then "200 result=-1 (hangup) endpos=0".
        AgiTestCall call = call("1796133196.15", "4 REC:0 REC:HANGUP");
        assertThat(call.played()).contains("dancham/nothing-recorded");
        assertThat(call.commands().stream().filter(c -> c.startsWith("RECORD FILE"))).hasSize(2);
        assertThat(call.commands()).as("the recording's hangup is the end: no HANGUP after it").doesNotContain("HANGUP");
        assertThat(flows.complaints()).isEmpty();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aCallerWhoDeclinesAMessageAfterABusyLeaderIsAServedCall() {
        flows.onDuty(7, new DutyContact("Lê Văn An", "0905111222", 1, "Bộ phận một cửa"));
        Map<String, String> env = AgiEnvironment.incoming("hotline?office=12", "1796133196.16", "0988000111");
        AgiTestCall call = AgiTestCall.run("127.0.0.1", server.port(), env, "0 DIAL:BUSY *");
        assertThat(call.commands()).anySatisfy(c -> assertThat(c).startsWith("EXEC \"Dial\""));
        assertThat(flows.missedLeaderCalls()).singleElement()
                .satisfies(m -> assertThat(m.reason()).isEqualTo("BUSY"));
        assertThat(flows.lastOutcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(flows.complaints()).isEmpty();
    }

    @Test
    void theLeaderChainRingsTheNextLevelWhileTheCallerWaits() {
        flows.onDuty(7, new DutyContact("Lê Văn An", "0905111222", 1, "Bộ phận một cửa"),
                new DutyContact("Trần Thị Bình", "0905999888", 2, "UBND huyện"));
        Map<String, String> env = AgiEnvironment.incoming("hotline?office=12", "1796133196.17", "0988000111");
        AgiTestCall call = AgiTestCall.run("127.0.0.1", server.port(), env, "0 DIAL:NOANSWER DIAL:ANSWER");
        assertThat(call.commands()).containsSubsequence("EXEC \"Dial\" \"PJSIP/0905111222@trunk,30\"",
                "STREAM FILE \"dancham/leader-trying-next\" \"\"", "EXEC \"Dial\" \"PJSIP/0905999888@trunk,30\"");
        assertThat(flows.lastOutcome()).isEqualTo(Outcome.TRANSFERRED);
        assertThat(flows.missedLeaderCalls()).isEmpty();
        assertThat(flows.events()).anyMatch(e -> e.contains("DIALSTATUS NOANSWER level 1 Lê Văn An"));
    }

    @Test
    void aDirectoryAsteriskCannotWriteIsSaidOnTheCallNotBlamedOnTheLine() {
        // RECORD FILE answered "200 result=-1 (writefile)", as in ../shared/asterisk/complaint-writefile.txt.
        AgiTestCall call = call("1796134187.1", "4 REC:FAIL");
        assertThat(call.played()).contains("dancham/recording-failed");
        assertThat(flows.complaints()).singleElement()
                .satisfies(c -> {
                    assertThat(c.recordingState()).isEqualTo(NewComplaint.RecordingState.FAILED);
                    assertThat(c.recordingFailure()).isEqualTo(NewComplaint.RecordingFailure.WRITE_FILE);
                });
        assertThat(flows.events()).contains("ERROR COMPLAINT_RECORD recording failed: writefile (Asterisk could not "
                + "create the file: recordings directory not writable by Asterisk's user, or disk full)");
    }

    private static int indexOf(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
