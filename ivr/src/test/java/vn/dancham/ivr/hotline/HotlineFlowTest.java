package vn.dancham.ivr.hotline;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dancham.calls.CallLog.Outcome;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.escalation.DutyContact;
import vn.dancham.ivr.prompts.NameAudio;
import vn.dancham.rating.RatingSubmission;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HotlineFlowTest {

    static final String RECEIPT = "20261234#";
    Fakes fakes;
    HotlineSettings settings;
    NameAudio names;

    @BeforeEach
    void setUp() {
        fakes = new Fakes();
        fakes.dossiers.put("20261234", Fakes.lateDossier());
        settings = HotlineSettings.defaults(Path.of("/var/spool/dancham/recordings"));
        names = NameAudio.of(Map.of("Phòng Tài nguyên và Môi trường huyện Gio Linh", "names/phong-tnmt-abc123",
                "Thẩm định hồ sơ", "names/tham-dinh-ho-so-def456"));
    }

    FakeCaller call(String keys) {
        return call(keys, new CallInfo("1700000000.1", "0912345678", "1022", "PJSIP/trunk-0001", null));
    }

    FakeCaller call(String keys, CallInfo info) {
        return run(new FakeCaller(keys), info);
    }

    FakeCaller run(FakeCaller caller, CallInfo info) {
        HotlineFlow flow = new HotlineFlow(fakes.dossierPort(), fakes.ratingPort(), fakes.rosterPort(),
                fakes.officePort(), fakes.callLog(), fakes.complaintPort(), fakes.journal, settings, names,
                Clock.fixed(Fakes.NOW, ZoneOffset.UTC), "node-a");
        Outcome outcome = flow.handle(caller, info);
        assertThat(fakes.ended).as("the end is written after the call, by the node's timer").isZero();
        assertThat(flow.writeEndedCalls()).as("one end handed over").isEqualTo(1);
        assertThat(outcome).isEqualTo(fakes.outcome);
        assertThat(fakes.ended).as("the call row is closed exactly once").isEqualTo(1);
        return caller;
    }

    // ---- status ----

    @Test
    void statusLookupReadsTheNumberBackAndSaysWhereTheDossierIsAndHowLate() {
        FakeCaller caller = call("1 " + RECEIPT + " 1");
        String heard = caller.heard();
        assertThat(heard).contains("Số quý vị vừa nhập là hai không hai sáu một hai ba bốn Nếu đúng, bấm 1.");
        assertThat(heard).contains("Hồ sơ đang được xử lý tại Phòng Tài nguyên và Môi trường huyện Gio Linh "
                + "khâu Thẩm định hồ sơ từ năm ngày nay.");
        assertThat(heard).contains("Hạn trả kết quả là ngày mười lăm tháng mười một năm hai nghìn không trăm "
                + "hai mươi sáu Hồ sơ đã quá hạn bảy ngày.");
        assertThat(fakes.outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(fakes.events).contains("STEP STATUS_RESULT", "KEY STATUS_RECEIPT 20261234", "KEY STATUS_CONFIRM 1");
    }

    @Test
    void aNameWithoutAudioFallsBackToAGenericPhrase() {
        names = NameAudio.of(Map.of());
        FakeCaller caller = call("1 " + RECEIPT + " 1");
        assertThat(caller.heard()).contains("đang được xử lý tại cơ quan chuyên môn khâu chuyên môn từ năm ngày nay");
    }

    @Test
    void returnedDossierSaysWhenAndWhetherOnTime() {
        var d = Fakes.lateDossier();
        fakes.dossiers.put("55550001", new vn.dancham.dossier.DossierStatus(101,
                new vn.dancham.dossier.ReceiptNumber("55550001"), d.procedureName(), 7, d.receivingOfficeName(),
                null, null, d.receivedAt(), d.dueAt(), java.time.Instant.parse("2026-11-10T03:00:00Z"), "RETURNED",
                java.util.Optional.empty(), false));
        FakeCaller caller = call("1 55550001# 1");
        assertThat(caller.heard()).contains("Hồ sơ đã được trả kết quả ngày mười tháng mười một năm hai nghìn "
                + "không trăm hai mươi sáu đúng hạn.");
    }

    @Test
    void secondDigitOfConfirmationRetypesTheNumber() {
        FakeCaller caller = call("1 20261299# 2 " + RECEIPT + " 1");
        assertThat(caller.heard()).contains("quá hạn bảy ngày");
        assertThat(fakes.events).contains("KEY STATUS_RECEIPT 20261299", "KEY STATUS_CONFIRM 2");
    }

    @Test
    void unknownNumberIsSaidThenRetypedThenBackToTheMenu() {
        FakeCaller caller = call("1 99999999# 1 99999998# 1 99999997# 1");
        assertThat(caller.playedNames().stream().filter("RECEIPT_UNKNOWN"::equals).count()).isEqualTo(3);
        assertThat(caller.playedNames()).contains("BACK_TO_MENU");
        assertThat(caller.playedNames().getLast()).isEqualTo("MAIN_MENU");
    }

    @Test
    void tooShortNumberIsExplained() {
        FakeCaller caller = call("1 12# " + RECEIPT + " 1");
        assertThat(caller.playedNames()).contains("RECEIPT_INVALID", "STATUS_LATE");
    }

    @Test
    void keysTypedDuringThePromptBargeIn() {
        FakeCaller caller = call("!1 !20261234# !1");
        // '1' stopped the menu at once; GET DATA took digits over its prompt; '1' stopped the read-back.
        assertThat(caller.playedNames().subList(0, 5))
                .containsExactly("WELCOME", "MAIN_MENU", "ENTER_RECEIPT", "YOU_ENTERED", "DOSSIER");
        assertThat(caller.playedNames()).contains("STATUS_LATE");
    }

    // ---- rating ----

    @Test
    void ratingByDossierStoresEachAnswerWithTheDossierAndCaller() {
        call("2 1 " + RECEIPT + " 1 4 2 5");
        assertThat(fakes.ratings).extracting(RatingSubmission::questionCode, RatingSubmission::value,
                        RatingSubmission::dossierId, RatingSubmission::officeId, RatingSubmission::callId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ATTITUDE", 4, 100L, 7L, 42L),
                        org.assertj.core.groups.Tuple.tuple("TIMELINESS", 2, 100L, 7L, 42L),
                        org.assertj.core.groups.Tuple.tuple("OVERALL", 5, 100L, 7L, 42L));
        assertThat(fakes.ratings).allMatch(r -> "0912345678".equals(r.callerNumber())
                && r.channel() == RatingSubmission.Channel.PHONE);
        assertThat(fakes.events).anyMatch(e -> e.contains("rating kept ATTITUDE=4"));
        assertThat(fakes.outcome).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void aCallerWhoOnlyHearsWhereTheirDossierIsCostsTheCallLogOneWriteAtTheEnd() {
        call("1 " + RECEIPT + " 1");
        assertThat(fakes.rowWrites).as("no row at the start; the whole call at its end").containsExactly("WHOLE 1");
        assertThat(fakes.events).first().isEqualTo("START 1700000000.1");
        assertThat(fakes.events).anyMatch(e -> e.startsWith("STEP STATUS_RESULT"));
        assertThat(fakes.eventsWrittenWhenEnded).isEqualTo(fakes.events.size() - 1);
    }

    @Test
    void aRatingCallWritesItsRowBeforeItsFirstAnswerAndTheAnswersReferToIt() {
        call("2 1 " + RECEIPT + " 1 4 2 5");
        assertThat(fakes.rowWrites).containsExactly("OPEN 1");
        assertThat(fakes.ratings).hasSize(3).allMatch(r -> r.callId() == 42L);
        assertThat(fakes.events).first().isEqualTo("START 1700000000.1");
    }

    @Test
    void aCallsEventsAreWrittenInBatchesAndEveryOneBeforeItsRowIsClosed() {
        // Three ratings in a row: more events than one batch holds.
        call("2 1 " + RECEIPT + " 1 4 2 5 2 1 " + RECEIPT + " 1 3 3 3 2 1 " + RECEIPT + " 1 5 5 5");
        int logged = (int) fakes.events.stream().filter(e -> !e.startsWith("START")).count();
        assertThat(logged).isGreaterThan(CallRecorder.MAX_BUFFERED);
        assertThat(fakes.eventWrites).as("one write per full buffer, the rest at hang-up")
                .hasSize((logged + CallRecorder.MAX_BUFFERED - 1) / CallRecorder.MAX_BUFFERED)
                .allMatch(n -> n <= CallRecorder.MAX_BUFFERED);
        assertThat(fakes.eventsWrittenWhenEnded).as("every event written before the row is closed").isEqualTo(logged);
    }

    @Test
    void aCallerWhoHangsUpMidRatingHasEveryEventUpToTheHangupWritten() {
        call("2 1 " + RECEIPT + " 1 4 H");
        assertThat(fakes.events).last().asString().startsWith("HANGUP");
        assertThat(fakes.eventsWrittenWhenEnded).isEqualTo(fakes.events.size() - 1);
        assertThat(fakes.eventWrites).hasSize(1);
    }

    // ---- knowledge check ----

    static final CallInfo NEIGHBOUR = new CallInfo("1700000000.2", "0987000111", "1022", "PJSIP/trunk-0002", null);

    @Test
    void aCallerWhoIsNotTheApplicantIsAskedForThePhoneDigitsAndEveryAnswerCarriesThem() {
        fakes.askPhoneDigitsFor.add(100L);
        FakeCaller caller = call("2 1 " + RECEIPT + " 1 5678# 4 2 5", NEIGHBOUR);
        assertThat(caller.playedNames()).containsSubsequence("CONFIRM_RECEIPT", "PHONE_DIGITS", "RATE_SCALE",
                "QUESTION_ATTITUDE");
        assertThat(caller.heard()).contains("4 số cuối của số điện thoại", "chỉ bấm phím thăng");
        assertThat(fakes.identityChecks).containsExactly("100 0987000111");
        assertThat(fakes.ratings).hasSize(3).allMatch(r -> "5678".equals(r.knownDigits()));
        assertThat(fakes.events).as("the applicant's digits stay out of the call log")
                .noneMatch(e -> e.contains("5678")).contains("KEY RATING_PHONE_DIGITS 4 digits");
    }

    @Test
    void aLoneHashSkipsTheKnowledgeCheckAndTheAnswersCountAsAnotherCallers() {
        fakes.askPhoneDigitsFor.add(100L);
        call("2 1 " + RECEIPT + " 1 # 4 2 5", NEIGHBOUR);
        assertThat(fakes.ratings).hasSize(3).allMatch(r -> r.knownDigits() == null);
        assertThat(fakes.events).contains("STEP RATING_PHONE_DIGITS phone digits skipped");
    }

    @Test
    void digitsOfTheWrongLengthAreSaidAndAskedAgain() {
        fakes.askPhoneDigitsFor.add(100L);
        FakeCaller caller = call("2 1 " + RECEIPT + " 1 56# 56789 5678# 4 2 5", NEIGHBOUR);
        assertThat(caller.playedNames()).containsSubsequence("PHONE_DIGITS", "PHONE_DIGITS_INVALID",
                "PHONE_DIGITS", "PHONE_DIGITS_INVALID", "PHONE_DIGITS", "RATE_SCALE");
        assertThat(fakes.ratings).hasSize(3).allMatch(r -> "5678".equals(r.knownDigits()));
    }

    @Test
    void afterTheRetriesTheRatingGoesOnWithoutDigits() {
        fakes.askPhoneDigitsFor.add(100L);
        FakeCaller caller = call("2 1 " + RECEIPT + " 1 1# 12# 123# 4 2 5", NEIGHBOUR);
        assertThat(caller.playedNames()).filteredOn("PHONE_DIGITS_INVALID"::equals).hasSize(3);
        assertThat(fakes.ratings).hasSize(3).allMatch(r -> r.knownDigits() == null);
    }

    @Test
    void theApplicantAndDossiersWithoutACheckAreNotAsked() {
        fakes.askPhoneDigitsFor.add(100L);
        FakeCaller applicant = call("2 1 " + RECEIPT + " 1 4 2 5");
        assertThat(applicant.playedNames()).doesNotContain("PHONE_DIGITS");
        fakes = new Fakes();
        fakes.dossiers.put("20261234", Fakes.lateDossier());
        FakeCaller other = call("2 1 " + RECEIPT + " 1 4 2 5", NEIGHBOUR);
        assertThat(other.playedNames()).doesNotContain("PHONE_DIGITS");
        assertThat(fakes.ratings).hasSize(3).allMatch(r -> r.knownDigits() == null);
    }

    @Test
    void aRatingOfAnOfficeHasNoKnowledgeCheck() {
        fakes.askPhoneDigitsFor.add(100L);
        FakeCaller caller = call("2 2 34# 5 5 3", NEIGHBOUR);
        assertThat(caller.playedNames()).doesNotContain("PHONE_DIGITS");
        assertThat(fakes.identityChecks).isEmpty();
    }

    @Test
    void hangupAtTheKnowledgeCheckStoresNothing() {
        fakes.askPhoneDigitsFor.add(100L);
        call("2 1 " + RECEIPT + " 1 56H", NEIGHBOUR);
        assertThat(fakes.ratings).isEmpty();
        assertThat(fakes.outcome).isEqualTo(Outcome.ABANDONED);
        assertThat(fakes.lastStep).isEqualTo("RATING_PHONE_DIGITS");
    }

    // ---- test calls (the web's test-call page) ----

    static final CallInfo TEST_CALL = new CallInfo("softphone-1.1", null, "softphone", "Local/softphone-1.1", "12")
            .asTest();

    @Test
    void aTestCallsRatingsAreStoredAsTestAndTheTesterIsToldTheyDoNotCount() {
        FakeCaller caller = call("2 1 " + RECEIPT + " 1 # 1 1 1", TEST_CALL);
        assertThat(fakes.ratings).hasSize(3).allMatch(RatingSubmission::test);
        assertThat(caller.notes).containsExactly(TestNote.of(TestNote.Kind.RATING));
        assertThat(caller.playedNames()).containsSubsequence("QUESTION_OVERALL", "RATING_THANKS");
    }

    @Test
    void aTestHarassmentReportIsStoredAsTestAndSaysWhomARealOneWouldHaveTexted() {
        fakes.roster.put(7L, List.of(new DutyContact("Lê Văn Cường", "0905111222", 1, "UBND huyện Gio Linh")));
        FakeCaller caller = call("3 # #", TEST_CALL);
        assertThat(fakes.complaints).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NewComplaint.Kind.HARASSMENT);
            assertThat(c.test()).isTrue();
        });
        assertThat(caller.notes).containsExactly(
                TestNote.of(TestNote.Kind.HARASSMENT, "Lê Văn Cường", "0905111222"));
        assertThat(caller.notes.getFirst().wire()).isEqualTo("HARASSMENT|Lê Văn Cường|0905111222");
    }

    @Test
    void aTestHarassmentReportWithNobodyOnDutySaysSo() {
        FakeCaller caller = call("3 # #", TEST_CALL);
        assertThat(caller.notes).containsExactly(TestNote.of(TestNote.Kind.HARASSMENT_NOBODY_ON_DUTY));
    }

    @Test
    void aTestLeaderCallDialsNobodyRecordsNoMissedCallAndKeepsTheMessageAsTest() {
        fakes.roster.put(7L, List.of(new DutyContact("Lê Văn Cường", "0905111222", 1, "UBND huyện Gio Linh")));
        FakeCaller caller = call("0 1 #", TEST_CALL);
        assertThat(caller.dialled).isEmpty();
        assertThat(fakes.missed).isEmpty();
        assertThat(caller.notes).containsExactly(TestNote.of(TestNote.Kind.LEADER, "Lê Văn Cường", "0905111222"),
                TestNote.of(TestNote.Kind.COMPLAINT));
        assertThat(caller.playedNames()).containsSubsequence("LEADER_UNAVAILABLE", "LEADER_OFFER_MESSAGE",
                "LEADER_MESSAGE_RECORD", "LEADER_MESSAGE_THANKS");
        assertThat(fakes.complaints).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NewComplaint.Kind.LEADER_MESSAGE);
            assertThat(c.test()).isTrue();
        });
    }

    @Test
    void aTestLeaderCallWithNobodyOnDutyRecordsNoMissedCall() {
        FakeCaller caller = call("0 *", TEST_CALL);
        assertThat(fakes.missed).isEmpty();
        assertThat(caller.notes).containsExactly(TestNote.of(TestNote.Kind.LEADER_NOBODY_ON_DUTY));
        assertThat(caller.playedNames()).contains("LEADER_NOBODY");
    }

    @Test
    void aTestComplaintIsStoredAsTest() {
        FakeCaller caller = call("4 2", TEST_CALL);
        assertThat(fakes.complaints).singleElement().satisfies(c -> assertThat(c.test()).isTrue());
        assertThat(caller.notes).containsExactly(TestNote.of(TestNote.Kind.COMPLAINT));
    }

    @Test
    void aRealCallIsNeverTestAndHearsNoNotes() {
        fakes.roster.put(7L, List.of(new DutyContact("Lê Văn Cường", "0905111222", 1, "UBND huyện Gio Linh")));
        FakeCaller caller = call("2 1 " + RECEIPT + " 1 4 2 5 3 # # 4 2", new CallInfo("1700000000.9",
                "0912345678", "1022", "PJSIP/trunk-0009", "12"));
        assertThat(fakes.ratings).hasSize(3).noneMatch(RatingSubmission::test);
        assertThat(fakes.complaints).hasSize(2).noneMatch(NewComplaint::test);
        assertThat(caller.notes).isEmpty();
    }

    @Test
    void ratingByOfficeCodeNeedsNoDossier() {
        FakeCaller caller = call("2 2 34# 5 5 3");
        assertThat(fakes.ratings).hasSize(3).allMatch(r -> r.dossierId() == null && r.officeId() == 8L);
        assertThat(caller.heard()).contains("Quý vị đang chấm điểm Phòng Tài nguyên và Môi trường huyện Gio Linh");
        assertThat(caller.playedNames()).contains("RATING_THANKS");
    }

    @Test
    void unknownOfficeCodeIsSaid() {
        FakeCaller caller = call("2 2 99# 12# 1 1 1");
        assertThat(caller.playedNames()).contains("OFFICE_UNKNOWN");
        assertThat(fakes.ratings).hasSize(3).allMatch(r -> r.officeId() == 7L);
    }

    @Test
    void hangupDuringSecondQuestionKeepsFirstAnswer() {
        call("2 1 " + RECEIPT + " 1 4 H");
        assertThat(fakes.ratings).hasSize(1);
        assertThat(fakes.outcome).isEqualTo(Outcome.ABANDONED);
        assertThat(fakes.lastStep).isEqualTo("RATING_Q2_TIMELINESS");
        assertThat(fakes.events).contains("HANGUP RATING_Q2_TIMELINESS");
    }

    @Test
    void invalidRatingKeyIsSaidAndTheQuestionRepeated() {
        FakeCaller caller = call("2 2 12# 9 0 4 4 4");
        assertThat(caller.playedNames().stream().filter("INVALID_KEY"::equals).count()).isEqualTo(2);
        assertThat(fakes.ratings).extracting(RatingSubmission::value).containsExactly(4, 4, 4);
    }

    @Test
    void silenceOnAQuestionGoesBackToTheMenuKeepingEarlierAnswers() {
        FakeCaller caller = call("2 2 12# 3 T T T 1");
        assertThat(fakes.ratings).hasSize(1);
        assertThat(caller.playedNames()).contains("NO_INPUT", "BACK_TO_MENU");
        assertThat(fakes.events).contains("TIMEOUT RATING_Q2_TIMELINESS");
    }

    @Test
    void aQuestionWithoutAudioIsAnnouncedByItsNumber() {
        fakes.questions.add(new vn.dancham.rating.RatingQuestion(4, "CLEANLINESS", "OVERALL", 4, "Vệ sinh", "Clean"));
        FakeCaller caller = call("2 2 12# 5 5 5 5");
        assertThat(caller.heard()).contains("Câu hỏi số bốn");
        assertThat(fakes.ratings).hasSize(4);
    }

    // ---- harassment ----

    @Test
    void harassmentReportWithReceiptIsStoredAtOnceWithTheDossier() {
        FakeCaller caller = call("3 " + RECEIPT + " 1 #");
        assertThat(fakes.complaints).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NewComplaint.Kind.HARASSMENT);
            assertThat(c.dossierId()).isEqualTo(100L);
            assertThat(c.receiptNo()).isEqualTo("20261234");
            assertThat(c.officeId()).isEqualTo(7L);
            assertThat(c.callerNumber()).isEqualTo("0912345678");
            assertThat(c.recordingPath()).isEqualTo("2026/11/22/1700000000_1-1.wav");
            assertThat(c.recordingSeconds()).isEqualTo(7);
            assertThat(c.recordingState()).isEqualTo(NewComplaint.RecordingState.RECORDED);
        });
        assertThat(caller.recordedFiles).containsExactly("/var/spool/dancham/recordings/2026/11/22/1700000000_1-1");
        assertThat(caller.playedNames()).containsSubsequence("HARASSMENT_RECORD", "HARASSMENT_THANKS");
    }

    @Test
    void harassmentReportWithoutReceiptUsesTheHotlinesOffice() {
        call("3 # #", new CallInfo("1700000000.2", null, null, null, "34"));
        assertThat(fakes.complaints).singleElement().satisfies(c -> {
            assertThat(c.dossierId()).isNull();
            assertThat(c.officeId()).isEqualTo(8L);
            assertThat(c.callerNumber()).isNull();
        });
    }

    @Test
    void aHarassmentReportWhoseRecordingFailsIsStillPassedOnAndTheCallerIsToldTheVoiceWasNotKept() {
        FakeCaller caller = new FakeCaller("3 # #");
        caller.recordingWorks = false;
        run(caller, new CallInfo("1700000000.21", "0912345678", null, null, "34"));
        assertThat(caller.playedNames()).containsSubsequence("HARASSMENT_RECORD", "RECORDING_FAILED",
                "HARASSMENT_THANKS");
        assertThat(fakes.complaints).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NewComplaint.Kind.HARASSMENT);
            assertThat(c.recordingState()).isEqualTo(NewComplaint.RecordingState.FAILED);
            assertThat(c.callerNumber()).isEqualTo("0912345678");
        });
    }

    @Test
    void aLeaderMessageWhoseRecordingFailsSaysSo() {
        fakes.roster.put(7L, List.of(new DutyContact("Lê Văn An", "0905111222", 1, "Bộ phận một cửa")));
        FakeCaller caller = new FakeCaller("0 1 #");
        caller.dialStatus = "BUSY";
        caller.recordingWorks = false;
        run(caller, new CallInfo("1700000000.41", "0988000111", null, null, "12"));
        assertThat(caller.playedNames()).containsSubsequence("LEADER_MESSAGE_RECORD", "RECORDING_FAILED",
                "LEADER_MESSAGE_THANKS");
        assertThat(fakes.complaints).singleElement()
                .satisfies(c -> assertThat(c.recordingState()).isEqualTo(NewComplaint.RecordingState.FAILED));
    }

    @Test
    void hangupWhileRecordingAHarassmentReportStillStoresIt() {
        call("3 # R");
        assertThat(fakes.complaints).singleElement()
                .satisfies(c -> assertThat(c.recordingPath()).isNotNull());
        assertThat(fakes.outcome).isEqualTo(Outcome.ABANDONED);
    }

    // ---- complaint ----

    @Test
    void complaintCanBeListenedToThenSent() {
        FakeCaller caller = call("1 " + RECEIPT + " 1 4 # 1 2");
        assertThat(caller.played).anyMatch(c -> c.catalogName().equals("RECORDING")
                && c.file().equals("/var/spool/dancham/recordings/2026/11/22/1700000000_1-1"));
        assertThat(fakes.complaints).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NewComplaint.Kind.COMPLAINT);
            assertThat(c.dossierId()).as("the dossier identified earlier in the call").isEqualTo(100L);
        });
        assertThat(caller.playedNames()).contains("COMPLAINT_THANKS");
    }

    @Test
    void complaintCanBeRecordedAgain() {
        FakeCaller caller = call("4 # 3 # 2");
        assertThat(caller.recordedFiles).hasSize(2);
        assertThat(fakes.complaints).singleElement()
                .satisfies(c -> assertThat(c.recordingPath()).endsWith("-2.wav"));
    }

    @Test
    void hangupWhileReviewingKeepsTheComplaint() {
        call("4 # H");
        assertThat(fakes.complaints).hasSize(1);
        assertThat(fakes.outcome).isEqualTo(Outcome.ABANDONED);
        assertThat(fakes.lastStep).isEqualTo("COMPLAINT_REVIEW");
    }

    @Test
    void aLineThatCannotRecordSaysSoAndKeepsARowSayingSo() {
        FakeCaller caller = new FakeCaller("4 #");
        caller.recordingWorks = false;
        run(caller, new CallInfo("x.1", "0912345678", null, null, null));
        assertThat(caller.playedNames()).contains("RECORDING_FAILED");
        assertThat(fakes.complaints).singleElement().satisfies(c -> {
            assertThat(c.recordingState()).isEqualTo(NewComplaint.RecordingState.FAILED);
            assertThat(c.recordingPath()).isNull();
            assertThat(c.callerNumber()).isEqualTo("0912345678");
        });
        assertThat(fakes.events).contains("ERROR COMPLAINT_RECORD recording failed");
    }

    // ---- leader on duty ----

    @Test
    void leaderOnDutyIsDialledThroughTheTemplate() {
        fakes.roster.put(7L, List.of(new DutyContact("Lê Văn An", "0905111222", 1, "Bộ phận một cửa")));
        FakeCaller caller = call("0", new CallInfo("1700000000.3", "0988000111", null, null, "12"));
        assertThat(caller.dialled).containsExactly("PJSIP/0905111222@trunk");
        assertThat(fakes.outcome).isEqualTo(Outcome.TRANSFERRED);
        assertThat(caller.hungUpByUs).isFalse();
        assertThat(fakes.missed).isEmpty();
    }

    @Test
    void leaderForADossierIsTheOneWhereTheDossierIs() {
        fakes.roster.put(8L, List.of(new DutyContact("Phạm Thị Hoa", "0905333444", 1, "Phòng TN&MT")));
        FakeCaller caller = call("1 " + RECEIPT + " 1 0");
        assertThat(caller.dialled).containsExactly("PJSIP/0905333444@trunk");
    }

    @Test
    void busyLeaderIsApologisedForRecordedAsMissedAndAMessageCanBeLeft() {
        fakes.roster.put(7L, List.of(new DutyContact("Lê Văn An", "0905111222", 1, "Bộ phận một cửa")));
        FakeCaller caller = new FakeCaller("0 1 #");
        caller.dialStatus = "BUSY";
        run(caller, new CallInfo("1700000000.4", "0988000111", null, null, "12"));
        assertThat(caller.playedNames()).containsSubsequence("LEADER_CONNECTING", "LEADER_UNAVAILABLE",
                "LEADER_OFFER_MESSAGE", "LEADER_MESSAGE_RECORD", "LEADER_MESSAGE_THANKS");
        assertThat(fakes.missed).singleElement().satisfies(m -> {
            assertThat(m.reason()).isEqualTo("BUSY");
            assertThat(m.officeId()).isEqualTo(7L);
            assertThat(m.callerNumber()).isEqualTo("0988000111");
        });
        assertThat(fakes.complaints).singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(NewComplaint.Kind.LEADER_MESSAGE));
    }

    @ParameterizedTest
    @CsvSource({"NOANSWER,NO_ANSWER", "CHANUNAVAIL,FAILED", "CONGESTION,FAILED"})
    void unansweredLeaderIsRecordedWithItsReason(String dialStatus, String reason) {
        fakes.roster.put(7L, List.of(new DutyContact("Lê Văn An", "0905111222", 1, "Bộ phận một cửa")));
        FakeCaller caller = new FakeCaller("0 *");
        caller.dialStatus = dialStatus;
        run(caller, new CallInfo("u.5", "0988000111", null, null, "12"));
        assertThat(fakes.missed).singleElement().satisfies(m -> assertThat(m.reason()).isEqualTo(reason));
        assertThat(fakes.complaints).isEmpty();
    }

    @Test
    void nobodyOnDutyIsSaidAndRecorded() {
        FakeCaller caller = call("0 *", new CallInfo("u.6", "0988000111", null, null, "12"));
        assertThat(caller.dialled).isEmpty();
        assertThat(caller.playedNames()).contains("LEADER_NOBODY");
        assertThat(fakes.missed).singleElement().satisfies(m -> assertThat(m.reason()).isEqualTo("NOBODY_ON_DUTY"));
    }

    @Test
    void withoutAKnownOfficeTheCallerTypesItsCode() {
        fakes.roster.put(8L, List.of(new DutyContact("Phạm Thị Hoa", "0905333444", 1, "Phòng TN&MT")));
        FakeCaller caller = call("0 34#");
        assertThat(caller.dialled).containsExactly("PJSIP/0905333444@trunk");
    }

    // ---- the menu itself ----

    @Test
    void silenceAtTheMenuIsPromptedThenGoodbye() {
        FakeCaller caller = call("T T T");
        assertThat(caller.playedNames()).containsExactly("WELCOME", "MAIN_MENU", "NO_INPUT", "MAIN_MENU",
                "NO_INPUT", "MAIN_MENU", "GOODBYE");
        assertThat(caller.hungUpByUs).isTrue();
        assertThat(fakes.outcome).isEqualTo(Outcome.ABANDONED);
        assertThat(fakes.events).filteredOn(e -> e.startsWith("TIMEOUT MAIN_MENU")).hasSize(3);
    }

    @Test
    void wrongKeysAtTheMenuAreSaidThenGoodbye() {
        FakeCaller caller = call("9 8 #");
        assertThat(caller.playedNames().stream().filter("INVALID_KEY"::equals).count()).isEqualTo(3);
        assertThat(caller.playedNames().getLast()).isEqualTo("GOODBYE");
        assertThat(fakes.events).contains("INVALID MAIN_MENU 9");
    }

    @Test
    void starRepeatsTheMenu() {
        FakeCaller caller = call("* * 1 " + RECEIPT + " 1");
        assertThat(caller.playedNames().stream().filter("MAIN_MENU"::equals).count()).isGreaterThanOrEqualTo(4);
        assertThat(caller.playedNames()).contains("STATUS_LATE");
    }

    @Test
    void endlessStarsNeverLoopForever() {
        FakeCaller caller = call("*".repeat(500));
        assertThat(caller.playedNames().getLast()).isEqualTo("GOODBYE");
        assertThat(caller.operations).isLessThan(200);
    }

    @Test
    void aWithheldNumberIsStoredAsNone() {
        call("2 2 12# 5 5 5", new CallInfo("u.7", "anonymous", null, null, null));
        assertThat(fakes.ratings).allMatch(r -> r.callerNumber() == null);
    }

    @Test
    void internationalCallerNumbersAreNormalised() {
        assertThat(new CallInfo("u", "+84912345678", null, null, null).callerNumber()).isEqualTo("0912345678");
        assertThat(new CallInfo("u", "84912345678", null, null, null).callerNumber()).isEqualTo("0912345678");
        assertThat(new CallInfo("u", "", null, null, null).callerNumber()).isNull();
    }
}
