package vn.dancham.ivr.hotline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.Outcome;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.escalation.DutyContact;
import vn.dancham.ivr.journal.JournalCall;
import vn.dancham.ivr.journal.KeptAnswer;
import vn.dancham.ivr.journal.KeptCallEnd;
import vn.dancham.ivr.journal.KeptComplaint;
import vn.dancham.ivr.journal.KeptRating;
import vn.dancham.ivr.prompts.Clip;
import vn.dancham.ivr.prompts.Prompt;
import vn.dancham.ivr.prompts.VietnameseNumbers;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One call, from greeting to hangup. Every question is bounded by the configured retries and the main menu by
 * {@link #MAX_MENU_VISITS}, so no caller (or broken line) loops forever; every prompt is followed by a wait or
 * another prompt, so nobody hears dead air.
 * <p>
 * When the database is down the caller is still served: lookups that need it (where is my dossier, the leader on
 * duty) are apologised for and the caller goes back to the menu; answers (ratings, complaints, reports, messages)
 * are kept in the journal, and the caller is told they will be recorded. Each answer carries an answer key, the same
 * in the live write and in the journal, so that it is stored once whichever gets through.
 */
final class HotlineCall {

    private static final Logger log = LoggerFactory.getLogger(HotlineCall.class);

    static final int MAX_MENU_VISITS = 30;
    static final String ANY_KEY = "0123456789*#";
    private static final String DIGITS_AND_HASH = "0123456789#";
    private static final int MAX_OFFICE_CODE_DIGITS = 6;
    // Compiled once, not by String.matches on every call.
    private static final Pattern OFFICE_CODE = Pattern.compile("[0-9]{1,6}");
    private static final Pattern KNOWN_DIGITS = Pattern.compile("[0-9]{" + Ratings.KNOWN_DIGITS + "}");
    private static final Pattern NOT_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9_-]");
    private static final DateTimeFormatter RECORDING_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /** The leader chain starts no try with less ring time left than this: a phone rung shorter is hardly answered. */
    private static final Duration MIN_RING = Duration.ofSeconds(10);

    private final HotlineFlow flow;
    private final Caller caller;
    private final CallInfo info;
    private final StatusSpeech speech;
    private CallRecorder recorder;
    private boolean servedSomething;
    /** True while a menu choice is being served: a hangup then abandons it. */
    private boolean midAction;
    private int recordings;
    /** The dossier identified earlier in this call: a later complaint or leader call is about it. */
    private DossierStatus dossier;
    /** A receipt number the caller confirmed but the database could not look up (it was down). */
    private ReceiptNumber receiptOnly;
    private Instant startedAt;

    /** What became of an answer. */
    private enum Stored { WRITTEN, KEPT, LOST }

    HotlineCall(HotlineFlow flow, Caller caller, CallInfo info) {
        this.flow = flow;
        this.caller = caller;
        this.info = info;
        this.speech = new StatusSpeech(flow.names, flow.settings.zone());
    }

    Outcome run() {
        startedAt = flow.clock.instant();
        recorder = CallRecorder.start(flow.callLog, flow.guard, flow.callOpens, flow.callEnds, flow.clock, info,
                flow.node, startedAt);
        Outcome outcome;
        try {
            outcome = mainMenu();
        } catch (HungUp e) {
            recorder.hangup();
            outcome = servedSomething && !midAction ? Outcome.COMPLETED : Outcome.ABANDONED;
        } catch (RuntimeException e) {
            // A bug must not leave the caller in silence (database failures are served around, see the guard).
            log.error("Call {} failed at {}", info.uniqueId(), recorder.lastStep(), e);
            recorder.error(e.getClass().getSimpleName());
            sayQuietly(Prompt.SORRY_LATER, Prompt.GOODBYE);
            outcome = Outcome.FAILED;
        }
        Instant endedAt = flow.clock.instant();
        Outcome ended = outcome;
        // When the row was written and its end cannot be (the database is down, now or before the end is written):
        // the end is replayed from the journal, so the row does not stay IN_PROGRESS.
        recorder.end(outcome, () -> keep(new KeptCallEnd(answerKey(), journalCall(), ended, recorder.lastStep(),
                endedAt)));
        if (outcome != Outcome.TRANSFERRED) {
            caller.hangup();
        }
        return outcome;
    }

    private Outcome mainMenu() {
        say(Prompt.WELCOME);
        for (int visit = 0; visit < MAX_MENU_VISITS; visit++) {
            recorder.step("MAIN_MENU");
            char key = choose(List.of(Prompt.MAIN_MENU.clip()), "12340*");
            if (key == Caller.NO_KEY) {
                say(Prompt.GOODBYE);
                return servedSomething ? Outcome.COMPLETED : Outcome.ABANDONED;
            }
            midAction = key != '*';
            boolean back = switch (key) {
                case '1' -> status();
                case '2' -> rating();
                case '3' -> harassment();
                case '4' -> complaint();
                case '0' -> leader();
                default -> true; // '*': hear the menu again
            };
            if (!back) {
                return Outcome.TRANSFERRED;
            }
            midAction = false;
            if (key != '*') {
                say(Prompt.ANYTHING_ELSE);
            }
        }
        say(Prompt.GOODBYE);
        return Outcome.COMPLETED;
    }

    // ---- 1: where is my dossier --------------------------------------------------------------------------------

    private boolean status() {
        recorder.step("STATUS");
        Optional<DossierStatus> found = identifyDossier("STATUS", false);
        if (found.isEmpty()) {
            if (receiptOnly != null) {
                say(Prompt.SERVICE_UNAVAILABLE);
            }
            say(Prompt.BACK_TO_MENU);
            return true;
        }
        recorder.step("STATUS_RESULT");
        sayAll(speech.describe(found.get(), flow.clock.instant()));
        servedSomething = true;
        return true;
    }

    /**
     * Asks for a receipt number, reads it back digit by digit for confirmation and looks it up. Empty when the
     * caller gave up, chose to give none ({@code optional}), or no dossier was found after the retries.
     */
    private Optional<DossierStatus> identifyDossier(String step, boolean optional) {
        receiptOnly = null;
        for (int attempt = 1; attempt <= flow.settings.maxRetries(); attempt++) {
            recorder.step(step + "_RECEIPT");
            Optional<String> typed = enterDigits(
                    List.of((optional ? Prompt.ENTER_RECEIPT_OPTIONAL : Prompt.ENTER_RECEIPT).clip()),
                    ReceiptNumber.MAX_DIGITS + 1, optional);
            if (typed.isEmpty()) {
                return Optional.empty();
            }
            if (optional && typed.get().isEmpty()) {
                recorder.note("no receipt");
                return Optional.empty();
            }
            ReceiptNumber receipt = ReceiptNumber.parse(typed.get());
            if (receipt == null) {
                recorder.invalid("receipt " + typed.get());
                say(Prompt.RECEIPT_INVALID);
                continue;
            }
            recorder.step(step + "_CONFIRM");
            List<Clip> readBack = new ArrayList<>();
            readBack.add(Prompt.YOU_ENTERED.clip());
            VietnameseNumbers.digits(receipt.digits()).forEach(p -> readBack.add(p.clip()));
            readBack.add(Prompt.CONFIRM_RECEIPT.clip());
            char confirm = choose(readBack, "12");
            if (confirm == Caller.NO_KEY) {
                return Optional.empty();
            }
            if (confirm == '2') {
                continue;
            }
            DatabaseGuard.Reply<Optional<DossierStatus>> lookup = flow.guard.call("dossier lookup",
                    () -> flow.dossiers.status(receipt));
            if (!lookup.ok()) {
                // The caller's receipt number is kept: an answer about it is looked up when it is replayed.
                recorder.error("dossier lookup unavailable");
                receiptOnly = receipt;
                return Optional.empty();
            }
            Optional<DossierStatus> status = lookup.value();
            if (status.isPresent()) {
                recorder.note("dossier " + status.get().dossierId());
                dossier = status.get();
                return status;
            }
            recorder.invalid("unknown receipt " + receipt.digits());
            say(Prompt.RECEIPT_UNKNOWN);
        }
        return Optional.empty();
    }

    // ---- 2: rating ---------------------------------------------------------------------------------------------

    private boolean rating() {
        recorder.step("RATING");
        char how = choose(List.of(Prompt.RATE_HOW.clip()), "12");
        Long dossierId = null;
        DossierStatus about = null;
        Long officeId = null;
        ReceiptNumber receipt = null;
        String knownDigits = null;
        if (how == '1') {
            Optional<DossierStatus> found = identifyDossier("RATING", false);
            if (found.isPresent()) {
                about = found.get();
                dossierId = about.dossierId();
                officeId = found.get().receivingOfficeId();
            } else if (receiptOnly != null) {
                receipt = receiptOnly; // rated now, looked up when the journal is replayed
            } else {
                say(Prompt.BACK_TO_MENU);
                return true;
            }
            if (shouldAskPhoneDigits(about)) {
                knownDigits = askPhoneDigits();
            }
        } else if (how == '2') {
            Optional<OfficeDirectory.Office> office = identifyOffice("RATING_OFFICE");
            if (office.isEmpty()) {
                say(Prompt.BACK_TO_MENU);
                return true;
            }
            officeId = office.get().id();
        } else {
            say(Prompt.BACK_TO_MENU);
            return true;
        }
        List<RatingQuestion> questions = flow.activeQuestions();
        if (questions.isEmpty()) {
            recorder.error("no active rating questions");
            say(Prompt.SORRY_LATER);
            return true;
        }
        say(Prompt.RATE_SCALE);
        boolean kept = false;
        for (int i = 0; i < questions.size(); i++) {
            RatingQuestion q = questions.get(i);
            recorder.step("RATING_Q" + (i + 1) + "_" + q.code());
            char value = choose(questionClips(q, i + 1), "12345");
            if (value == Caller.NO_KEY) {
                say(Prompt.BACK_TO_MENU);
                return true;
            }
            Stored stored = storeRating(dossierId, officeId, receipt, q.code(), value - '0', knownDigits);
            if (stored == Stored.LOST) {
                say(Prompt.SERVICE_UNAVAILABLE);
                return true;
            }
            kept |= stored == Stored.KEPT;
            servedSomething = true;
        }
        recorder.step("RATING_DONE");
        if (info.test()) {
            caller.testNote(TestNote.of(TestNote.Kind.RATING));
        }
        say(kept ? Prompt.ANSWER_KEPT : Prompt.RATING_THANKS);
        return true;
    }

    /**
     * Whether to ask the knowledge check before the questions about a dossier. When the database cannot say (it is
     * down, or the dossier is known only by the receipt number typed during the outage), every caller is asked: the
     * digits are replayed with the answers and judged then, a caller whose own number is the applicant's loses
     * nothing by answering (that match ranks first), and anyone may skip with a lone hash.
     */
    private boolean shouldAskPhoneDigits(DossierStatus about) {
        if (about == null) {
            return true;
        }
        // The applicant's phone came with the lookup: the check needs no second read of the dossier.
        DatabaseGuard.Reply<Ratings.IdentityCheck> check = flow.guard.call("identity check",
                () -> flow.ratings.identityCheck(about.dossierId(), about.applicantPhone(), info.callerNumber()));
        if (!check.ok()) {
            recorder.error("identity check unavailable");
            return true;
        }
        return check.value() == Ratings.IdentityCheck.ASK_PHONE_DIGITS;
    }

    /**
     * The knowledge check: the last {@link Ratings#KNOWN_DIGITS} digits of the phone the applicant gave when filing.
     * Returns what the caller typed, or null when they skipped (a lone hash or silence) or gave a wrong length after
     * the retries: their answers then count as another caller's, so the rating goes on rather than back to the menu.
     * The digits are not written to the call log (they are part of an applicant's phone number).
     */
    private String askPhoneDigits() {
        for (int attempt = 1; attempt <= flow.settings.maxRetries(); attempt++) {
            recorder.step("RATING_PHONE_DIGITS");
            Optional<String> typed = enterDigits(List.of(Prompt.PHONE_DIGITS.clip()), Ratings.KNOWN_DIGITS + 1,
                    true, false);
            if (typed.isEmpty() || typed.get().isEmpty()) {
                recorder.note("phone digits skipped");
                return null;
            }
            if (KNOWN_DIGITS.matcher(typed.get()).matches()) {
                recorder.note("phone digits given");
                return typed.get();
            }
            recorder.invalid("phone digits: " + typed.get().length() + " keys");
            say(Prompt.PHONE_DIGITS_INVALID);
        }
        recorder.note("phone digits not given");
        return null;
    }

    private Stored storeRating(Long dossierId, Long officeId, ReceiptNumber receipt, String question, int value,
                               String knownDigits) {
        String key = answerKey();
        Instant at = flow.clock.instant();
        if (receipt == null) {
            RatingSubmission answer = new RatingSubmission(recorder.callId(), dossierId, officeId, question, value,
                    info.callerNumber(), at, RatingSubmission.Channel.PHONE, key).withKnownDigits(knownDigits);
            RatingSubmission submission = info.test() ? answer.asTest() : answer;
            // One committed insert into the rating inbox; attribution, the eligibility rules and the aggregates
            // follow in the rating writer's next batch (docs/reliability.md, "The answer pipeline").
            DatabaseGuard.Reply<Boolean> written = flow.guard.call("rating", () -> flow.ratings.submit(submission));
            if (written.ok()) {
                recorder.note("rating kept " + question + "=" + value);
                return Stored.WRITTEN;
            }
        }
        return keep(new KeptRating(key, journalCall(), dossierId, receipt == null ? null : receipt.digits(),
                officeId, question, value, at, knownDigits));
    }

    private List<Clip> questionClips(RatingQuestion q, int number) {
        Optional<Prompt> recorded = Prompt.forQuestion(q.code());
        if (recorded.isPresent()) {
            return List.of(recorded.get().clip());
        }
        // A question configured after the audio was made: its number still tells the caller where they are.
        List<Clip> clips = new ArrayList<>();
        clips.add(Prompt.QUESTION_NUMBER.clip());
        VietnameseNumbers.number(number).forEach(p -> clips.add(p.clip()));
        return clips;
    }

    private Optional<OfficeDirectory.Office> identifyOffice(String step) {
        return identifyOffice(step, Prompt.RATING_FOR);
    }

    /** Asks for an office code; the office found is confirmed after {@code purpose} ("you are rating", ...). */
    private Optional<OfficeDirectory.Office> identifyOffice(String step, Prompt purpose) {
        for (int attempt = 1; attempt <= flow.settings.maxRetries(); attempt++) {
            recorder.step(step);
            Optional<String> typed = enterDigits(List.of(Prompt.ENTER_OFFICE.clip()), MAX_OFFICE_CODE_DIGITS, false);
            if (typed.isEmpty()) {
                return Optional.empty();
            }
            if (!OFFICE_CODE.matcher(typed.get()).matches()) {
                recorder.invalid("unknown office " + typed.get());
                say(Prompt.OFFICE_UNKNOWN);
                continue;
            }
            DatabaseGuard.Reply<Optional<OfficeDirectory.Office>> found = officeByDialCode(typed.get());
            if (!found.ok()) {
                recorder.error("office lookup unavailable");
                say(Prompt.SERVICE_UNAVAILABLE);
                return Optional.empty();
            }
            Optional<OfficeDirectory.Office> office = found.value();
            if (office.isPresent()) {
                recorder.note("office " + office.get().id());
                List<Clip> confirm = new ArrayList<>();
                confirm.add(purpose.clip());
                confirm.add(flow.names.clip(office.get().name()).orElseGet(() -> Prompt.UNNAMED_OFFICE.clip()));
                sayAll(confirm);
                return office;
            }
            recorder.invalid("unknown office " + typed.get());
            say(Prompt.OFFICE_UNKNOWN);
        }
        return Optional.empty();
    }

    // ---- 3: money demanded / harassment ------------------------------------------------------------------------

    private boolean harassment() {
        recorder.step("HARASSMENT");
        say(Prompt.HARASSMENT_INTRO);
        Optional<DossierStatus> about = identifyDossier("HARASSMENT", true);
        recorder.step("HARASSMENT_RECORD");
        say(Prompt.HARASSMENT_RECORD);
        Recorded rec = recordOnce();
        Long officeId = about.map(DossierStatus::receivingOfficeId).orElseGet(this::callOfficeId);
        Stored stored = storeComplaint(NewComplaint.Kind.HARASSMENT, about.orElse(null), officeId, rec);
        servedSomething = true;
        if (info.test()) {
            noteWhoWouldBeAlerted(officeId);
        }
        if (rec.result().hungUp()) {
            throw new HungUp();
        }
        recordingFailedSaySo(rec);
        say(stored == Stored.KEPT ? Prompt.ANSWER_KEPT
                : stored == Stored.LOST ? Prompt.SERVICE_UNAVAILABLE : Prompt.HARASSMENT_THANKS);
        return true;
    }

    // ---- 4: recorded complaint ---------------------------------------------------------------------------------

    private boolean complaint() {
        recorder.step("COMPLAINT");
        Recorded pending = null;
        for (int take = 1; take <= flow.settings.maxRetries(); take++) {
            recorder.step("COMPLAINT_RECORD");
            say(Prompt.COMPLAINT_RECORD);
            pending = recordOnce();
            if (pending.result().hungUp()) {
                if (pending.result().seconds() > 0) {
                    storeComplaint(pending);
                } else {
                    recorder.note("hung up before saying anything: nothing stored");
                }
                throw new HungUp();
            }
            if (!pending.result().ok()) {
                // The line could not record (e.g. the recordings directory is full or unwritable): the caller is
                // told, and a row with their number and recording state FAILED lets staff call them back.
                recorder.error(pending.result().describeFailure());
                storeComplaint(pending);
                say(Prompt.RECORDING_FAILED);
                return true;
            }
            if (pending.result().seconds() == 0) {
                say(Prompt.NOTHING_RECORDED);
                pending = null;
                continue;
            }
            recorder.step("COMPLAINT_REVIEW");
            char choice;
            try {
                choice = review(pending);
            } catch (HungUp e) {
                storeComplaint(pending); // said but not yet sent: a hangup must not lose it
                throw e;
            }
            if (choice == '3') {
                pending = null;
                continue;
            }
            Stored stored = storeComplaint(pending); // '2' sends; no answer keeps it rather than losing it
            say(stored == Stored.KEPT ? Prompt.ANSWER_KEPT
                    : stored == Stored.LOST ? Prompt.SERVICE_UNAVAILABLE : Prompt.COMPLAINT_THANKS);
            return true;
        }
        say(Prompt.BACK_TO_MENU);
        return true;
    }

    /** 1 listen back, 2 send, 3 record again; returns '2', '3' or no key after the retries. */
    private char review(Recorded pending) {
        for (int i = 0; i < flow.settings.maxRetries(); i++) {
            char choice = choose(List.of(Prompt.COMPLAINT_REVIEW.clip()), "123");
            if (choice != '1') {
                return choice;
            }
            // "2 = send" or "3 = record again" pressed while listening back is the caller's answer.
            char during = caller.play(Clip.recording(pending.absoluteFile()), "23");
            if (during != Caller.NO_KEY) {
                recorder.key(during);
                return during;
            }
        }
        return Caller.NO_KEY;
    }

    private Stored storeComplaint(Recorded rec) {
        Long officeId = dossier != null ? Long.valueOf(dossier.receivingOfficeId()) : callOfficeId();
        Stored stored = storeComplaint(NewComplaint.Kind.COMPLAINT, dossier, officeId, rec);
        servedSomething = true;
        if (info.test()) {
            caller.testNote(TestNote.of(TestNote.Kind.COMPLAINT));
        }
        return stored;
    }

    /**
     * A test harassment report opens no incident: the tester is told whom a real one would have texted at once
     * (the first person on duty for the office; the incident's escalation levels follow from there).
     */
    private void noteWhoWouldBeAlerted(Long officeId) {
        List<DutyContact> onDuty = List.of();
        if (officeId != null) {
            long office = officeId;
            DatabaseGuard.Reply<List<DutyContact>> roster = flow.guard.call("duty roster",
                    () -> flow.roster.onDuty(office, flow.clock.instant()));
            onDuty = roster.ok() ? roster.value() : List.of();
        }
        caller.testNote(onDuty.isEmpty() ? TestNote.of(TestNote.Kind.HARASSMENT_NOBODY_ON_DUTY)
                : TestNote.of(TestNote.Kind.HARASSMENT, onDuty.getFirst().personName(), onDuty.getFirst().phone()));
    }

    /** Writes a complaint, report or message, or keeps it in the journal when the database cannot take it. */
    private Stored storeComplaint(NewComplaint.Kind kind, DossierStatus about, Long officeId, Recorded rec) {
        String key = answerKey();
        NewComplaint made = complaint(kind, about, officeId, rec, key);
        NewComplaint complaint = info.test() ? made.asTest() : made;
        DatabaseGuard.Reply<Long> written = flow.guard.call(kind.name().toLowerCase(),
                () -> flow.complaints.record(complaint));
        if (written.ok()) {
            recorder.note(kind.name().toLowerCase() + " " + written.value());
            return Stored.WRITTEN;
        }
        String receipt = about != null ? about.receipt().digits() : receiptOnly != null ? receiptOnly.digits() : null;
        return keep(new KeptComplaint(key, journalCall(), kind, complaint.dossierId(), receipt, officeId,
                complaint.recordingPath(), complaint.recordingSeconds(), complaint.recordingState(),
                complaint.createdAt()));
    }

    /** Keeps an answer in the journal (forced to disk); LOST when even the disk cannot take it. */
    private Stored keep(KeptAnswer answer) {
        try {
            flow.journal.keep(answer);
            recorder.note("kept in journal " + answer.key());
            return Stored.KEPT;
        } catch (UncheckedIOException e) {
            // Neither the database nor the disk: the answer is in the log below and nowhere else.
            log.error("Answer LOST (database and journal both failed) on call {}: {}", info.uniqueId(), answer, e);
            recorder.error("answer lost");
            return Stored.LOST;
        }
    }

    private JournalCall journalCall() {
        // The row's id only when it is written: a row never written is made by the journal's replay (by unique id).
        return new JournalCall(info.uniqueId(), recorder.writtenCallId(), info.callerNumber(), info.dnis(),
                info.channel(), flow.node, startedAt, info.test());
    }

    /** One key per answer, the same in the live write and in the journal (see V51__hotline_answer_keys.sql). */
    private String answerKey() {
        String uid = info.uniqueId().length() > 60 ? info.uniqueId().substring(0, 60) : info.uniqueId();
        return uid + "/" + UUID.randomUUID();
    }

    private DatabaseGuard.Reply<Optional<OfficeDirectory.Office>> officeByDialCode(String code) {
        DatabaseGuard.Reply<Optional<OfficeDirectory.Office>> found = flow.guard.call("office lookup",
                () -> flow.offices.byDialCode(code));
        if (found.ok()) {
            found.value().ifPresent(o -> flow.officesSeen.put(code, o));
            return found;
        }
        OfficeDirectory.Office seen = flow.officesSeen.get(code);
        return seen != null ? DatabaseGuard.Reply.of(Optional.of(seen)) : found;
    }

    // ---- 0: the leader on duty ---------------------------------------------------------------------------------

    private boolean leader() {
        recorder.step("LEADER");
        Long officeId = dossier != null ? Long.valueOf(officeHolding(dossier)) : callOfficeId();
        if (officeId == null) {
            Optional<OfficeDirectory.Office> office = identifyOffice("LEADER_OFFICE", Prompt.LEADER_OF_OFFICE);
            if (office.isEmpty()) {
                say(Prompt.BACK_TO_MENU);
                return true;
            }
            officeId = office.get().id();
        }
        long office = officeId;
        DatabaseGuard.Reply<List<DutyContact>> roster = flow.guard.call("duty roster",
                () -> flow.roster.onDuty(office, flow.clock.instant()));
        if (!roster.ok()) {
            recorder.error("duty roster unavailable");
            say(Prompt.SERVICE_UNAVAILABLE);
            say(Prompt.BACK_TO_MENU);
            return true;
        }
        List<DutyContact> onDuty = roster.value();
        String reason;
        if (info.test()) {
            // Nobody's real phone rings for a test, and no missed call is recorded (it would open an incident).
            if (onDuty.isEmpty()) {
                caller.testNote(TestNote.of(TestNote.Kind.LEADER_NOBODY_ON_DUTY));
                say(Prompt.LEADER_NOBODY);
            } else {
                DutyContact contact = onDuty.getFirst();
                recorder.note("test call: not dialled, level " + contact.level());
                caller.testNote(TestNote.of(TestNote.Kind.LEADER, contact.personName(), contact.phone()));
                say(Prompt.LEADER_UNAVAILABLE);
            }
            return leaveMessage(officeId);
        }
        List<LeaderCallMissed.Try> tries = new ArrayList<>();
        if (onDuty.isEmpty()) {
            reason = "NOBODY_ON_DUTY";
            say(Prompt.LEADER_NOBODY);
        } else {
            recorder.step("LEADER_DIAL");
            try {
                Optional<String> missed = leaderChain(office, onDuty, tries);
                if (missed.isEmpty()) {
                    servedSomething = true;
                    return false;
                }
                reason = missed.get();
                say(Prompt.LEADER_UNAVAILABLE);
            } catch (HungUp e) {
                // Hung up while waiting: the leaders still learn that nobody answered the tries already made.
                if (!tries.isEmpty()) {
                    recordMissedLeaderCall(office, tries.getLast().reason(), tries);
                }
                throw e;
            }
        }
        recordMissedLeaderCall(office, reason, tries);
        // The caller asked for the leader and got a definite answer (and the leaders an incident): declining the
        // message, or hanging up from here on, ends a served call, not an abandoned one.
        servedSomething = true;
        midAction = false;
        return leaveMessage(officeId);
    }

    /** Offers the caller who did not reach the leader a recorded message for them. */
    private boolean leaveMessage(Long officeId) {
        char choice = choose(List.of(Prompt.LEADER_OFFER_MESSAGE.clip()), "1*");
        if (choice != '1') {
            return true;
        }
        recorder.step("LEADER_MESSAGE");
        say(Prompt.LEADER_MESSAGE_RECORD);
        Recorded rec = recordOnce();
        if (rec.result().hungUp() && rec.result().seconds() == 0) {
            // Hung up before saying anything: the missed call is already on the leaders' incident, an empty message
            // would only add a row to the handlers' inbox.
            recorder.note("hung up before saying anything: nothing stored");
            throw new HungUp();
        }
        Stored stored = storeComplaint(NewComplaint.Kind.LEADER_MESSAGE, dossier, officeId, rec);
        servedSomething = true;
        if (info.test()) {
            caller.testNote(TestNote.of(TestNote.Kind.COMPLAINT));
        }
        if (rec.result().hungUp()) {
            throw new HungUp();
        }
        recordingFailedSaySo(rec);
        say(stored == Stored.KEPT ? Prompt.ANSWER_KEPT
                : stored == Stored.LOST ? Prompt.SERVICE_UNAVAILABLE : Prompt.LEADER_MESSAGE_THANKS);
        return true;
    }

    /**
     * Rings the people on duty level by level while the caller waits: everyone at a level at once (Dial with
     * {@code &}), each try at most {@code dial-timeout}, all of them within {@code leader-chain-timeout}, an apology
     * between tries. Each try is noted on the call and added to {@code tries}. Empty when someone answered (the call
     * is theirs now); otherwise how the last try ended.
     */
    private Optional<String> leaderChain(long office, List<DutyContact> onDuty, List<LeaderCallMissed.Try> tries) {
        SortedMap<Integer, List<DutyContact>> levels = new TreeMap<>();
        onDuty.forEach(c -> levels.computeIfAbsent(c.level(), l -> new ArrayList<>()).add(c));
        Instant began = flow.clock.instant();
        Duration cap = flow.settings.leaderChainTimeout();
        String reason = "FAILED";
        say(Prompt.LEADER_CONNECTING);
        for (var level : levels.entrySet()) {
            Duration left = cap.minus(Duration.between(began, flow.clock.instant()));
            Duration ring = left.compareTo(flow.settings.dialTimeout()) < 0 ? left : flow.settings.dialTimeout();
            if (!tries.isEmpty()) {
                if (ring.compareTo(MIN_RING) < 0) {
                    recorder.note("leader chain stopped: " + left.toSeconds() + "s left of " + cap.toSeconds() + "s");
                    break;
                }
                say(Prompt.LEADER_TRYING_NEXT);
            }
            List<String> people = level.getValue().stream().map(DutyContact::personName).toList();
            String dialString = level.getValue().stream()
                    .map(c -> flow.settings.dialTemplate().replace("{number}", c.phone()))
                    .collect(Collectors.joining("&"));
            Instant rungAt = flow.clock.instant();
            String dialStatus = caller.dial(dialString, ring);
            recorder.note("DIALSTATUS " + dialStatus + " level " + level.getKey() + " " + String.join(", ", people)
                    + " " + ring.toSeconds() + "s");
            recordRing(new CallLog.LeaderRing(level.getKey(), level.getValue().stream()
                    .map(c -> new CallLog.Person(c.personName(), c.phone())).toList(), dialStatus, ring, rungAt), office);
            if ("ANSWER".equals(dialStatus)) {
                return Optional.empty();
            }
            if ("CANCEL".equals(dialStatus)) {
                throw new HungUp();
            }
            reason = switch (dialStatus == null ? "" : dialStatus) {
                case "BUSY" -> "BUSY";
                case "NOANSWER" -> "NO_ANSWER";
                default -> "FAILED";
            };
            tries.add(new LeaderCallMissed.Try(level.getKey(), people, reason));
        }
        return Optional.of(reason);
    }

    /**
     * Keeps the ring, answered or not, for the leaders' responsiveness figures; before the CANCEL check, so a
     * caller's hang-up is on record too (the figures count it as neither answered nor missed). A database that is
     * down loses this figure, never the call (the guard's time limit bounds the wait): after ANSWER the conversation
     * is over (Dial returns when it ends), otherwise the caller waits for the next level anyway.
     */
    private void recordRing(CallLog.LeaderRing ring, long office) {
        Long callId = recorder.callId();
        if (callId == null) {
            return;
        }
        DatabaseGuard.Reply<Boolean> kept = flow.guard.run("leader rung",
                () -> flow.callLog.leaderRung(callId, office, ring));
        if (!kept.ok()) {
            log.warn("Leader ring on {} not recorded: {}", info.uniqueId(), kept.problem());
        }
    }

    private void recordMissedLeaderCall(long office, String reason, List<LeaderCallMissed.Try> tries) {
        recorder.step("LEADER_MISSED");
        Long callId = recorder.callId();
        if (callId == null) {
            return;
        }
        DatabaseGuard.Reply<Boolean> missed = flow.guard.run("leader call missed",
                () -> flow.callLog.leaderCallMissed(callId, office, info.callerNumber(), reason, tries));
        if (!missed.ok()) {
            log.warn("Missed leader call on {} not recorded: {}", info.uniqueId(), missed.problem());
        }
    }

    /**
     * The line could not record (e.g. the recordings directory is full or unwritable): the report itself — who
     * called, about which dossier or office — was stored (recording state FAILED) and goes to the leaders, but the
     * caller is told their voice was not kept.
     */
    private void recordingFailedSaySo(Recorded rec) {
        if (!rec.result().ok()) {
            recorder.error(rec.result().describeFailure());
            say(Prompt.RECORDING_FAILED);
        }
    }

    private static long officeHolding(DossierStatus d) {
        return d.currentStage().map(DossierStatus.CurrentStage::officeId).orElse(d.receivingOfficeId());
    }

    private Long callOfficeId() {
        String code = info.officeDialCode() != null ? info.officeDialCode() : flow.settings.defaultOfficeDialCode();
        if (code == null || !OFFICE_CODE.matcher(code).matches()) {
            return null;
        }
        DatabaseGuard.Reply<Optional<OfficeDirectory.Office>> office = officeByDialCode(code);
        return office.ok() ? office.value().map(OfficeDirectory.Office::id).orElse(null) : null;
    }

    // ---- recordings --------------------------------------------------------------------------------------------

    /** A recording made in this call: relative path (stored) and the absolute one Asterisk wrote. */
    private record Recorded(String relativeFile, String absoluteFile, Caller.Recording result) {
    }

    private Recorded recordOnce() {
        recordings++;
        LocalDate day = LocalDate.ofInstant(flow.clock.instant(), flow.settings.zone());
        String relative = day.format(RECORDING_DAY) + "/"
                + NOT_IN_FILE_NAME.matcher(info.uniqueId()).replaceAll("_") + "-" + recordings;
        Path absolute = flow.settings.recordingsDirectory().resolve(relative);
        // Our own beep, not Asterisk's (RECORD FILE ... BEEP fails the recording on a site without core sounds).
        say(Prompt.BEEP);
        Caller.Recording result = caller.record(absolute.toString(), flow.settings.recordMaxLength(),
                flow.settings.recordSilence());
        recorder.note("recorded " + result.seconds() + "s" + (result.ok() ? "" : " failed")
                + (result.hungUp() ? " hangup" : ""));
        return new Recorded(relative + ".wav", absolute.toString(), result);
    }

    private NewComplaint complaint(NewComplaint.Kind kind, DossierStatus about, Long officeId, Recorded rec,
                                   String key) {
        boolean has = rec.result().ok() && rec.result().seconds() > 0;
        return new NewComplaint(kind, recorder.callId(), about == null ? null : about.dossierId(),
                about == null ? null : about.receipt().digits(), officeId, null, info.callerNumber(),
                has ? rec.relativeFile() : null, has ? rec.result().seconds() : null,
                has ? NewComplaint.RecordingState.RECORDED
                        : rec.result().ok() ? NewComplaint.RecordingState.NONE : NewComplaint.RecordingState.FAILED,
                flow.clock.instant(), key, failure(rec.result()));
    }

    /** Asterisk's word for a failed recording, as the handler's page needs it; null when unknown or not failed. */
    private static NewComplaint.RecordingFailure failure(Caller.Recording r) {
        if (r.ok() || r.failure() == null) {
            return null;
        }
        return "writefile".equals(r.failure()) ? NewComplaint.RecordingFailure.WRITE_FILE
                : NewComplaint.RecordingFailure.LINE;
    }

    // ---- asking ------------------------------------------------------------------------------------------------

    /**
     * Plays a prompt (interruptible by any key) and waits for one of {@code allowed}. No input or a wrong key is
     * said and the prompt repeated, up to the configured retries; then {@link Caller#NO_KEY}.
     */
    private char choose(List<Clip> prompt, String allowed) {
        for (int attempt = 1; attempt <= flow.settings.maxRetries(); attempt++) {
            char key = playAll(prompt);
            if (key == Caller.NO_KEY) {
                key = caller.waitForDigit(flow.settings.keyTimeout());
            }
            if (key == Caller.NO_KEY) {
                recorder.timeout();
                if (attempt < flow.settings.maxRetries()) {
                    say(Prompt.NO_INPUT);
                }
                continue;
            }
            recorder.key(key);
            if (allowed.indexOf(key) >= 0) {
                return key;
            }
            recorder.invalid(String.valueOf(key));
            say(Prompt.INVALID_KEY);
        }
        return Caller.NO_KEY;
    }

    /**
     * Collects digits ended by {@code #}: the prompt plays with barge-in on digits, then GET DATA collects the
     * rest. Returns the digits; empty Optional when nothing came after the retries. With {@code emptyAllowed}, a
     * lone {@code #} (or silence) is an answer: "none".
     */
    private Optional<String> enterDigits(List<Clip> prompt, int maxDigits, boolean emptyAllowed) {
        return enterDigits(prompt, maxDigits, emptyAllowed, true);
    }

    /** As above; with {@code logDigits} false the call log gets how many keys came, not which. */
    private Optional<String> enterDigits(List<Clip> prompt, int maxDigits, boolean emptyAllowed, boolean logDigits) {
        for (int attempt = 1; attempt <= flow.settings.maxRetries(); attempt++) {
            String typed;
            char first = Caller.NO_KEY;
            for (int i = 0; i < prompt.size() - 1 && first == Caller.NO_KEY; i++) {
                first = caller.play(prompt.get(i), DIGITS_AND_HASH);
            }
            if (first == '#') {
                typed = "";
            } else if (first != Caller.NO_KEY) {
                typed = first + caller.getData(Prompt.SILENCE.clip(), flow.settings.digitTimeout(), maxDigits - 1);
            } else {
                typed = caller.getData(prompt.getLast(), flow.settings.digitTimeout(), maxDigits);
            }
            if (!typed.isEmpty() || emptyAllowed) {
                recorder.digits(typed.isEmpty() ? "#" : logDigits ? typed : typed.length() + " digits");
                return Optional.of(typed);
            }
            recorder.timeout();
            if (attempt < flow.settings.maxRetries()) {
                say(Prompt.NO_INPUT);
            }
        }
        return Optional.empty();
    }

    /** Plays clips one after another; a key stops them and is returned. */
    private char playAll(List<Clip> clips) {
        for (Clip clip : clips) {
            char key = caller.play(clip, ANY_KEY);
            if (key != Caller.NO_KEY) {
                return key;
            }
        }
        return Caller.NO_KEY;
    }

    /** Information the caller must hear whole: keys pressed meanwhile are not taken as answers. */
    private void sayAll(List<Clip> clips) {
        for (Clip clip : clips) {
            caller.play(clip, "");
        }
    }

    private void say(Prompt prompt) {
        caller.play(prompt.clip(), "");
    }

    private void sayQuietly(Prompt... prompts) {
        try {
            for (Prompt p : prompts) {
                caller.play(p.clip(), "");
            }
        } catch (RuntimeException e) {
            log.debug("Could not say goodbye on {}: {}", info.uniqueId(), e.toString());
        }
    }
}
