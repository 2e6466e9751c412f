package vn.dancham.ivr.softphone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.ivr.agi.TestAgiServers;
import vn.dancham.ivr.hotline.HotlineTestFlows;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The softphone drives a real FastAGI server over a socket, key by key as a browser would. */
class SoftphoneIT {

    static final Duration SETTLE = Duration.ofSeconds(30);

    HotlineTestFlows flows;
    TestAgiServers.Running server;

    @BeforeEach
    void start() {
        flows = new HotlineTestFlows();
        server = TestAgiServers.start(flows.flow());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRatingCallKeyByKeyShowsEachPromptWithItsTextAndAudio() throws Exception {
        try (SoftphoneCall call = Softphone.dial("127.0.0.1", server.port(), SoftphoneOptions.caller("0912345678"))) {
            assertThat(call.awaitSettled(SETTLE)).isEqualTo(SoftphoneCall.State.WAITING_FOR_KEYS);
            assertThat(call.prompts()).extracting(PlayedPrompt::catalogName).containsExactly("WELCOME", "MAIN_MENU");
            PlayedPrompt menu = call.prompts().get(1);
            assertThat(menu.textVi()).startsWith("Để biết hồ sơ đang ở đâu, bấm 1.");
            assertThat(menu.file()).isEqualTo("dancham/main-menu");

            call.press("2");
            call.awaitSettled(SETTLE);
            call.press("2");
            call.awaitSettled(SETTLE);
            int before = call.prompts().size();
            call.press("12#");
            call.awaitSettled(SETTLE);
            assertThat(call.promptsSince(before)).extracting(PlayedPrompt::catalogName)
                    .contains("RATING_FOR", "RATE_SCALE", "QUESTION_ATTITUDE");
            call.press("5");
            call.awaitSettled(SETTLE);
            call.press("4");
            call.awaitSettled(SETTLE);
            call.press("3");
            call.awaitSettled(SETTLE);
            assertThat(call.prompts()).extracting(PlayedPrompt::catalogName).contains("RATING_THANKS");
            assertThat(flows.ratingsStored()).isEqualTo(3);

            call.hangUp();
            assertThat(call.awaitSettled(SETTLE)).isEqualTo(SoftphoneCall.State.ENDED);
        }
        assertThat(flows.callsEnded()).isEqualTo(1);
    }

    @Test
    void aComplaintIsRecordedAsAToneAndTheLeaderCallReachesNobody() throws Exception {
        try (SoftphoneCall call = Softphone.dial("127.0.0.1", server.port(),
                SoftphoneOptions.caller("0912345678").withOffice("12"))) {
            call.awaitSettled(SETTLE);
            call.press("4");
            call.awaitSettled(SETTLE);
            assertThat(call.prompts()).anyMatch(p -> p.kind() == PlayedPrompt.Kind.RECORDING && p.audioFile() != null);
            call.press("2");
            call.awaitSettled(SETTLE);
            assertThat(call.prompts()).extracting(PlayedPrompt::catalogName).contains("COMPLAINT_THANKS");
        }
    }

    @Test
    void aTestCallIsMarkedByTheServersKeyAndHearsWhatARealCallWouldHaveDone() throws Exception {
        try (SoftphoneCall call = Softphone.dial("127.0.0.1", server.port(),
                SoftphoneOptions.caller(null).asTest(server.testCallKey()))) {
            call.awaitSettled(SETTLE);
            call.press("2");
            call.awaitSettled(SETTLE);
            call.press("2");
            call.awaitSettled(SETTLE);
            call.press("12#");
            call.awaitSettled(SETTLE);
            call.press("543");
            call.awaitSettled(SETTLE);
            assertThat(call.prompts()).filteredOn(p -> p.kind() == PlayedPrompt.Kind.NOTE)
                    .extracting(PlayedPrompt::catalogName).containsExactly("RATING");
            assertThat(call.commands()).anyMatch(c -> c.startsWith("SET VARIABLE") && c.contains("DANCHAM_TEST_NOTE"));
        }
        assertThat(flows.ratingsStored()).isEqualTo(3);
        assertThat(flows.testRatingsStored()).as("stored as test answers").isEqualTo(3);
    }

    @Test
    void aGuessedKeyMakesARealCall() throws Exception {
        try (SoftphoneCall call = Softphone.dial("127.0.0.1", server.port(),
                SoftphoneOptions.caller(null).asTest("00112233445566778899aabbccddeeff"))) {
            call.awaitSettled(SETTLE);
            call.press("2");
            call.awaitSettled(SETTLE);
            call.press("2");
            call.awaitSettled(SETTLE);
            call.press("12#");
            call.awaitSettled(SETTLE);
            call.press("543");
            call.awaitSettled(SETTLE);
            assertThat(call.prompts()).noneMatch(p -> p.kind() == PlayedPrompt.Kind.NOTE);
        }
        assertThat(flows.ratingsStored()).isEqualTo(3);
        assertThat(flows.testRatingsStored()).isZero();
    }

    @Test
    void onlyKeypadKeysCanBePressed() {
        try (SoftphoneCall call = Softphone.dial("127.0.0.1", server.port(), SoftphoneOptions.caller(null))) {
            assertThatThrownBy(() -> call.press("1; DROP TABLE")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
