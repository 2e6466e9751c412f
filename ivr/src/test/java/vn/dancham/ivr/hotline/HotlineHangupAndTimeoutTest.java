package vn.dancham.ivr.hotline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dancham.calls.CallLog.Outcome;
import vn.dancham.escalation.DutyContact;
import vn.dancham.ivr.prompts.NameAudio;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table-driven: every complete path through the menu, cut by a hangup after each of its inputs, and every question
 * met with silence or wrong keys until the retries run out.
 */
class HotlineHangupAndTimeoutTest {

    /**
     * A complete call, one token per caller action (a key, a whole "digits#" entry), and how many answers (ratings
     * or complaints) must be stored when the caller hangs up after the first n tokens (the nth character).
     */
    record CallPath(String name, List<String> tokens, String storedAfterCut) {
    }

    static final List<CallPath> PATHS = List.of(
            new CallPath("status", List.of("1", "20261234#", "1"), "0000"),
            new CallPath("rating by dossier", List.of("2", "1", "20261234#", "1", "4", "3", "5"), "00000123"),
            new CallPath("rating by office", List.of("2", "2", "12#", "5", "5", "5"), "0000123"),
            // the report is stored once its recording has ended (by # or by the hangup itself)
            new CallPath("harassment", List.of("3", "20261234#", "1", "#"), "00001"),
            new CallPath("harassment without receipt", List.of("3", "#", "#"), "0001"),
            // said but not sent is kept; a take the caller chose to record again (3) is not
            new CallPath("complaint", List.of("4", "#", "1", "3", "#", "2"), "0011011"),
            new CallPath("leader", List.of("0"), "00"),
            new CallPath("leader busy, message", List.of("0", "1", "#"), "0001"));

    static Stream<Arguments> everyPathCutAtEveryStep() {
        List<Arguments> cases = new ArrayList<>();
        for (CallPath path : PATHS) {
            for (int cut = 0; cut <= path.tokens().size(); cut++) {
                cases.add(Arguments.of(path.name(), String.join(" ", path.tokens().subList(0, cut)),
                        path.storedAfterCut().charAt(cut) - '0'));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: hangup after {1}")
    @MethodSource("everyPathCutAtEveryStep")
    void hangupAtAnyStepClosesTheCallAndKeepsEveryAnswer(String path, String keys, int stored) {
        Fakes fakes = new Fakes();
        fakes.dossiers.put("20261234", Fakes.lateDossier());
        fakes.roster.put(7L, List.of(new DutyContact("Lê Văn An", "0905111222", 1, "Một cửa")));
        FakeCaller caller = new FakeCaller(keys + " H");
        caller.dialStatus = path.contains("busy") ? "BUSY" : "ANSWER";
        HotlineFlow flow = flow(fakes);
        Outcome outcome = flow.handle(caller, new CallInfo("u.1", "0912345678", null, null, "12"));
        flow.writeEndedCalls();

        assertThat(fakes.ended).isEqualTo(1);
        assertThat(outcome).isEqualTo(fakes.outcome).isIn(Outcome.ABANDONED, Outcome.COMPLETED, Outcome.TRANSFERRED);
        assertThat(fakes.lastStep).isNotBlank();
        if (outcome != Outcome.TRANSFERRED) {
            assertThat(fakes.events).anyMatch(e -> e.startsWith("HANGUP "));
        }
        assertThat(fakes.ratings.size() + fakes.complaints.size()).as("answers kept").isEqualTo(stored);
    }

    static Stream<Arguments> everyQuestionUnanswered() {
        return Stream.of(
                Arguments.of("main menu silent", "T T T", "GOODBYE"),
                Arguments.of("main menu wrong keys", "9 # 7", "GOODBYE"),
                Arguments.of("receipt silent", "1 T T T", "MAIN_MENU"),
                Arguments.of("receipt confirm wrong keys", "1 20261234# 7 8 9", "MAIN_MENU"),
                Arguments.of("rating how silent", "2 T T T", "MAIN_MENU"),
                Arguments.of("rating office code silent", "2 2 T T T", "MAIN_MENU"),
                Arguments.of("rating office code unknown", "2 2 98# 97# 96#", "MAIN_MENU"),
                Arguments.of("rating question wrong keys", "2 2 12# 0 6 9", "MAIN_MENU"),
                Arguments.of("harassment confirm wrong keys", "3 20261234# 7 8 9 #", "MAIN_MENU"),
                Arguments.of("complaint review silent", "4 # T T T", "MAIN_MENU"),
                Arguments.of("leader offer silent", "0 T T T", "MAIN_MENU"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyQuestionUnanswered")
    void silenceOrWrongKeysEndInTheMenuOrGoodbyeNeverALoop(String name, String keys, String endsWith) {
        Fakes fakes = new Fakes();
        fakes.dossiers.put("20261234", Fakes.lateDossier());
        FakeCaller caller = new FakeCaller(keys);
        HotlineFlow flow = flow(fakes);
        flow.handle(caller, new CallInfo("u.2", "0912345678", null, null, "12"));
        flow.writeEndedCalls();
        assertThat(caller.playedNames().getLast()).isEqualTo(endsWith);
        assertThat(caller.playedNames()).containsAnyOf("NO_INPUT", "INVALID_KEY", "RECEIPT_UNKNOWN",
                "OFFICE_UNKNOWN");
        assertThat(fakes.ended).isEqualTo(1);
    }

    private static HotlineFlow flow(Fakes fakes) {
        return new HotlineFlow(fakes.dossierPort(), fakes.ratingPort(), fakes.rosterPort(), fakes.officePort(),
                fakes.callLog(), fakes.complaintPort(), fakes.journal, HotlineSettings.defaults(Path.of("/rec")),
                NameAudio.of(Map.of()), Clock.fixed(Fakes.NOW, ZoneOffset.UTC), "node-a");
    }
}
