package vn.dancham.admin.hotline;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import vn.dancham.admin.support.CallRows;
import vn.dancham.admin.support.OneStopRows;
import vn.dancham.admin.support.WebIT;
import vn.dancham.db.jooq.tables.records.HotlineCallRecord;
import vn.dancham.ivr.emulator.AgiConnection;
import vn.dancham.ivr.emulator.AgiEnvironment;
import vn.dancham.ivr.testing.AgiTestCall;
import vn.dancham.rating.RatingWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.admin.support.OneStopRows.at;
import static vn.dancham.db.jooq.Tables.CALL_EVENT;
import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;
import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;
import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.RATING;

/**
 * Whole calls over a real socket against the running application and PostgreSQL, with a client that speaks
 * FastAGI exactly as Asterisk does: each of the hotline's six things, 50 calls at once, an unknown script.
 */
class HotlineCallsIT extends WebIT {

    static final String APPLICANT = "0912345678";

    @Autowired
    DSLContext dsl;

    @Autowired
    Environment environment;

    /** The answers a call kept wait in the rating inbox until the writer's next batch: apply them now. */
    @Autowired
    RatingWriter ratingWriter;

    int agiPort;
    String tag;
    String oneStopDialCode;
    long oneStopId;
    long tnmtId;
    String receipt;
    long dossierId;

    @BeforeEach
    void data() {
        agiPort = environment.getRequiredProperty("local.fastagi.port", Integer.class);
        tag = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        OneStopRows.Place place = OneStopRows.place(dsl, tag, "Bộ phận một cửa " + tag, 30);
        oneStopDialCode = place.dialCode();
        oneStopId = place.officeId();
        tnmtId = office(place.districtId(), "TN" + tag, tag.substring(3, 9), "Phòng Tài nguyên và Môi trường " + tag);
        long officer = place.officerId();
        Instant now = Instant.now();
        receipt = "2026" + tag;
        dossierId = place.openDossier(dsl, receipt, APPLICANT, now.minus(40, ChronoUnit.DAYS),
                now.minus(5, ChronoUnit.DAYS));
        dsl.insertInto(DOSSIER_STAGE).set(DOSSIER_STAGE.DOSSIER_ID, dossierId).set(DOSSIER_STAGE.SEQ, 1)
                .set(DOSSIER_STAGE.OFFICE_ID, oneStopId).set(DOSSIER_STAGE.OFFICER_ID, officer)
                .set(DOSSIER_STAGE.NAME, "Tiếp nhận").set(DOSSIER_STAGE.STARTED_AT, at(now.minus(40, ChronoUnit.DAYS)))
                .set(DOSSIER_STAGE.DUE_AT, at(now.minus(39, ChronoUnit.DAYS)))
                .set(DOSSIER_STAGE.FINISHED_AT, at(now.minus(39, ChronoUnit.DAYS))).execute();
        dsl.insertInto(DOSSIER_STAGE).set(DOSSIER_STAGE.DOSSIER_ID, dossierId).set(DOSSIER_STAGE.SEQ, 2)
                .set(DOSSIER_STAGE.OFFICE_ID, tnmtId).set(DOSSIER_STAGE.NAME, "Thẩm định hồ sơ")
                .set(DOSSIER_STAGE.STARTED_AT, at(now.minus(39, ChronoUnit.DAYS)))
                .set(DOSSIER_STAGE.DUE_AT, at(now.minus(10, ChronoUnit.DAYS))).execute();
    }

    private long office(long unit, String code, String dialCode, String name) {
        return dsl.insertInto(OFFICE).set(OFFICE.UNIT_ID, unit).set(OFFICE.CODE, code).set(OFFICE.DIAL_CODE, dialCode)
                .set(OFFICE.NAME, name).set(OFFICE.KIND, "ONE_STOP").returning(OFFICE.ID).fetchSingle().getId();
    }

    private String uid(String what) {
        return "it-" + what + "-" + tag;
    }

    /** The call's row once its end is written (by the node's timer, just after the call). */
    private HotlineCallRecord callRow(String uniqueId) {
        return CallRows.ended(dsl, uniqueId);
    }

    @Test
    void fullStatusLookup() {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("status"), APPLICANT,
                "1 " + receipt + "# 1");
        assertThat(call.played()).containsSubsequence("dancham/you-entered", "dancham/num-2", "dancham/num-0",
                "dancham/confirm-receipt", "dancham/dossier", "dancham/status-at", "dancham/status-stage",
                "dancham/status-since", "dancham/num-3", "dancham/word-muoi", "dancham/num-9",
                "dancham/status-days-ago", "dancham/status-due", "dancham/word-ngay", "dancham/status-late",
                "dancham/num-5", "dancham/status-days");
        HotlineCallRecord row = callRow(uid("status"));
        assertThat(row.getOutcome()).isEqualTo("COMPLETED");
        assertThat(row.getEndedAt()).isNotNull();
        assertThat(row.getCallerNumber()).isEqualTo(APPLICANT);
        assertThat(dsl.select(CALL_EVENT.STEP).from(CALL_EVENT).where(CALL_EVENT.CALL_ID.eq(row.getId()))
                .and(CALL_EVENT.KIND.eq("STEP")).fetch(CALL_EVENT.STEP))
                .contains("MAIN_MENU", "STATUS_RECEIPT", "STATUS_CONFIRM", "STATUS_RESULT");
    }

    @Test
    void unknownReceiptNumberIsSaidAndBackToTheMenu() {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("unknown"), APPLICANT,
                "1 99" + tag + "# 1 98" + tag + "# 1 97" + tag + "# 1");
        assertThat(call.played()).contains("dancham/receipt-unknown", "dancham/back-to-menu");
        assertThat(callRow(uid("unknown")).getOutcome()).isEqualTo("ABANDONED");
    }

    @Test
    void fullRatingStoresEachAnswerVerifiedByTheCallerNumber() {
        AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("rating"), APPLICANT,
                "2 1 " + receipt + "# 1 4 2 5");
        ratingWriter.applyPending();
        HotlineCallRecord row = callRow(uid("rating"));
        var ratings = dsl.selectFrom(RATING).where(RATING.CALL_ID.eq(row.getId())).orderBy(RATING.ID).fetch();
        assertThat(ratings).extracting(r -> r.getCriterion() + "=" + r.getValue())
                .containsExactly("ATTITUDE=4", "TIMELINESS=2", "OVERALL=5");
        assertThat(ratings).allSatisfy(r -> {
            assertThat(r.getDossierId()).isEqualTo(dossierId);
            assertThat(r.getIdentity()).isEqualTo("VERIFIED");
            assertThat(r.getVerified()).isTrue();
            assertThat(r.getChannel()).isEqualTo("PHONE");
            assertThat(r.getCallerNumber()).isEqualTo(APPLICANT);
        });
        assertThat(row.getOutcome()).isEqualTo("COMPLETED");
    }

    @Test
    void anotherNumberThatKnowsTheApplicantsPhoneDigitsIsKnownAndAWrongGuessIsUnverified() {
        AgiTestCall knows = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("knows"), "0987000111",
                "2 1 " + receipt + "# 1 5678# 4 2 5");
        AgiTestCall guesses = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("guesses"), "0987000222",
                "2 1 " + receipt + "# 1 1234# 4 2 5");
        AgiTestCall skips = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("skips"), null,
                "2 1 " + receipt + "# 1 # 4 2 5");
        ratingWriter.applyPending();
        assertThat(knows.played()).containsSubsequence("dancham/confirm-receipt", "dancham/phone-digits",
                "dancham/rate-scale");
        assertThat(guesses.played()).as("whether the digits matched is never said")
                .containsSubsequence("dancham/phone-digits", "dancham/rate-scale", "dancham/rating-thanks");
        assertThat(identities(uid("knows"))).containsExactly("KNOWN", "KNOWN", "KNOWN");
        assertThat(identities(uid("guesses"))).containsExactly("UNVERIFIED", "UNVERIFIED", "UNVERIFIED");
        assertThat(identities(uid("skips"))).containsExactly("WITHHELD", "WITHHELD", "WITHHELD");
        assertThat(skips.played()).contains("dancham/phone-digits");
        assertThat(dsl.select(CALL_EVENT.DETAIL).from(CALL_EVENT)
                .where(CALL_EVENT.CALL_ID.eq(callRow(uid("knows")).getId())).fetch(CALL_EVENT.DETAIL))
                .as("the applicant's digits stay out of the call log").noneMatch(d -> d != null && d.contains("5678"));
    }

    @Test
    void theApplicantIsNotAskedForTheirOwnDigits() {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("own"), APPLICANT,
                "2 1 " + receipt + "# 1 4 2 5");
        ratingWriter.applyPending();
        assertThat(call.played()).doesNotContain("dancham/phone-digits");
        assertThat(identities(uid("own"))).containsExactly("VERIFIED", "VERIFIED", "VERIFIED");
    }

    private List<String> identities(String uniqueId) {
        return dsl.select(RATING.IDENTITY).from(RATING).where(RATING.CALL_ID.eq(callRow(uniqueId).getId()))
                .orderBy(RATING.ID).fetch(RATING.IDENTITY);
    }

    @Test
    void ratingByOfficeCodeFromAnotherNumberIsUnverified() {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("office"), "0987000111",
                "2 2 " + oneStopDialCode + "# 5 5 4");
        ratingWriter.applyPending();
        long callId = callRow(uid("office")).getId();
        var ratings = dsl.selectFrom(RATING).where(RATING.CALL_ID.eq(callId)).fetch();
        assertThat(ratings).hasSize(3).allSatisfy(r -> {
            assertThat(r.getOfficeId()).isEqualTo(oneStopId);
            assertThat(r.getDossierId()).isNull();
            assertThat(r.getIdentity()).isEqualTo("UNVERIFIED");
        });
        assertThat(call.played()).contains("dancham/rating-thanks");
    }

    @Test
    void hangupDuringTheSecondQuestionKeepsTheFirstAnswer() {
        AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("hangup"), APPLICANT, "2 1 " + receipt + "# 1 3 H");
        ratingWriter.applyPending();
        HotlineCallRecord row = callRow(uid("hangup"));
        assertThat(dsl.fetchCount(RATING, RATING.CALL_ID.eq(row.getId()))).isEqualTo(1);
        assertThat(row.getOutcome()).isEqualTo("ABANDONED");
        assertThat(row.getLastStep()).isEqualTo("RATING_Q2_TIMELINESS");
    }

    @Test
    void complaintWithItsRecordingFile() throws Exception {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("complaint"), APPLICANT,
                "4 REC:4 1 2");
        // The application's own beep, then RECORD FILE without BEEP: a site needs no core sounds (issue 13).
        assertThat(call.commands()).containsSubsequence("STREAM FILE \"dancham/beep\" \"\"");
        assertThat(call.commands()).anySatisfy(c -> assertThat(c).startsWith("RECORD FILE ").contains("\"wav\"")
                .doesNotContain("BEEP").contains("s=5"));
        long callId = callRow(uid("complaint")).getId();
        var complaint = dsl.selectFrom(COMPLAINT).where(COMPLAINT.CALL_ID.eq(callId)).fetchSingle();
        assertThat(complaint.getKind()).isEqualTo("COMPLAINT");
        assertThat(complaint.getRecordingState()).isEqualTo("RECORDED");
        assertThat(complaint.getRecordingSeconds()).isEqualTo(4);
        assertThat(complaint.getCallerNumber()).isEqualTo(APPLICANT);
        Path file = Path.of(environment.getRequiredProperty("dancham.ivr.recordings-directory"))
                .resolve(complaint.getRecordingPath());
        assertThat(file).exists();
        assertThat(Files.size(file)).isEqualTo(44 + 4 * 8000 * 2);
        assertThat(call.recordings()).singleElement().satisfies(p -> assertThat(p.toAbsolutePath().normalize())
                .isEqualTo(file.toAbsolutePath().normalize()));
        // listened back: the recording itself was played, by its absolute path
        assertThat(call.played()).anySatisfy(p -> assertThat(p).startsWith("/").endsWith(
                complaint.getRecordingPath().replace(".wav", "")));
    }

    @Test
    void aLineThatCannotRecordTellsTheCallerAndTheRowSaysSo() {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("nodisk"), APPLICANT, "4 REC:FAIL");
        assertThat(call.played()).contains("dancham/recording-failed");
        long callId = callRow(uid("nodisk")).getId();
        var complaint = dsl.selectFrom(COMPLAINT).where(COMPLAINT.CALL_ID.eq(callId)).fetchSingle();
        assertThat(complaint.getRecordingState()).isEqualTo("FAILED");
        assertThat(complaint.getRecordingPath()).isNull();
        assertThat(complaint.getCallerNumber()).isEqualTo(APPLICANT);
    }

    @Test
    void harassmentReportIsStoredAtOnceWithTheDossierAndRecording() throws Exception {
        AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid("harass"), "0987000222",
                "3 " + receipt + "# 1 REC:6");
        long callId = callRow(uid("harass")).getId();
        var report = dsl.selectFrom(COMPLAINT).where(COMPLAINT.CALL_ID.eq(callId)).fetchSingle();
        assertThat(report.getKind()).isEqualTo("HARASSMENT");
        assertThat(report.getDossierId()).isEqualTo(dossierId);
        // Charged to the office holding the dossier (the land office's open stage), not the counter that received it
        assertThat(report.getOfficeId()).isEqualTo(tnmtId);
        assertThat(report.getRecordingSeconds()).isEqualTo(6);
        // The urgent incident follows the report, opened by the node just after the report's write committed, for
        // the holding office (its leader on duty is the one alerted)
        java.time.Instant giveUp = java.time.Instant.now().plusSeconds(30);
        while (dsl.fetchCount(INCIDENT, INCIDENT.KIND.eq("HARASSMENT_REPORT")
                .and(INCIDENT.OFFICE_ID.eq(tnmtId)).and(INCIDENT.SEVERITY.eq("URGENT"))) == 0) {
            assertThat(java.time.Instant.now()).as("the report's incident opened").isBefore(giveUp);
            Thread.sleep(10);
        }
        assertThat(dsl.fetchCount(INCIDENT, INCIDENT.KIND.eq("HARASSMENT_REPORT")
                .and(INCIDENT.OFFICE_ID.eq(tnmtId)))).as("once").isEqualTo(1);
    }

    @Test
    void transferToTheLeaderOnDutyDialsTheTemplate() {
        shift(oneStopId, "0905111222");
        AgiTestCall call = AgiTestCall.run("127.0.0.1", agiPort,
                AgiEnvironment.incoming("hotline?office=" + oneStopDialCode, uid("leader"), "0987000333"),
                "0 DIAL:ANSWER");
        assertThat(call.commands()).contains("EXEC \"Dial\" \"PJSIP/0905111222@trunk,30\"");
        assertThat(call.commands()).contains("GET VARIABLE \"DIALSTATUS\"");
        assertThat(callRow(uid("leader")).getOutcome()).isEqualTo("TRANSFERRED");
    }

    @Test
    void busyLeaderIsRecordedAsMissedAndAMessageCanBeLeft() {
        shift(oneStopId, "0905111444");
        AgiTestCall call = AgiTestCall.run("127.0.0.1", agiPort,
                AgiEnvironment.incoming("hotline?office=" + oneStopDialCode, uid("busy"), "0987000444"),
                "0 DIAL:BUSY 1 REC:3");
        assertThat(call.played()).contains("dancham/leader-unavailable", "dancham/leader-message-thanks");
        long callId = callRow(uid("busy")).getId();
        assertThat(dsl.select(CALL_EVENT.DETAIL).from(CALL_EVENT).where(CALL_EVENT.CALL_ID.eq(callId))
                .and(CALL_EVENT.STEP.eq("LEADER_MISSED")).fetch(CALL_EVENT.DETAIL)).contains("BUSY");
        assertThat(dsl.selectFrom(COMPLAINT).where(COMPLAINT.CALL_ID.eq(callId)).fetchSingle().getKind())
                .isEqualTo("LEADER_MESSAGE");
        assertThat(dsl.fetchCount(INCIDENT, INCIDENT.KIND.eq("MISSED_LEADER_CALL")
                .and(INCIDENT.OFFICE_ID.eq(oneStopId)))).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentCalls() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<AgiTestCall>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String id = uid("load-" + i);
                String caller = "09870" + String.format("%05d", i);
                calls.add(pool.submit(() -> AgiTestCall.run("127.0.0.1", agiPort, "hotline", id, caller,
                        "2 2 " + oneStopDialCode + "# 5 4 3")));
            }
            for (Future<AgiTestCall> call : calls) {
                assertThat(call.get().played()).contains("dancham/rating-thanks");
            }
        } finally {
            pool.shutdownNow();
        }
        ratingWriter.applyPending();
        var rows = CallRows.ended(dsl, HOTLINE_CALL.ASTERISK_UNIQUE_ID.like("it-load-%-" + tag), 50);
        assertThat(rows).hasSize(50).allSatisfy(r -> assertThat(r.getOutcome()).isEqualTo("COMPLETED"));
        assertThat(dsl.fetchCount(RATING, RATING.CALL_ID.in(rows.stream().map(HotlineCallRecord::getId).toList()))).isEqualTo(150);
    }

    @Test
    void unknownScriptGetsAClearFailureStatus() {
        try (AgiConnection client = AgiConnection.connect("127.0.0.1", agiPort, Duration.ofSeconds(30))) {
            client.sendEnvironment(AgiEnvironment.incoming("no-such-script", uid("noscript"), APPLICANT));
            String command = client.readCommand();
            assertThat(command).isEqualTo("SET VARIABLE \"AJ_AGISTATUS\" \"NOT_FOUND\"");
            client.reply(1);
            while (client.readCommand() != null) {
                client.reply(1);
            }
        }
        assertThat(dsl.fetchCount(HOTLINE_CALL, HOTLINE_CALL.ASTERISK_UNIQUE_ID.eq(uid("noscript")))).isZero();
    }

    private void shift(long officeId, String phone) {
        Instant now = Instant.now();
        dsl.insertInto(DUTY_SHIFT).set(DUTY_SHIFT.OFFICE_ID, officeId).set(DUTY_SHIFT.LEVEL, (short) 1)
                .set(DUTY_SHIFT.PERSON_NAME, "Lê Văn Trực").set(DUTY_SHIFT.PHONE, phone)
                .set(DUTY_SHIFT.STARTS_AT, at(now.minus(1, ChronoUnit.HOURS)))
                .set(DUTY_SHIFT.ENDS_AT, at(now.plus(8, ChronoUnit.HOURS))).execute();
    }
}
