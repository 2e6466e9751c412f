package vn.dancham.admin.demo;

import org.jooq.DSLContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.ReportIncidents;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.db.jooq.tables.records.DossierRecord;
import vn.dancham.db.jooq.tables.records.DossierStageRecord;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;
import vn.dancham.scoring.ScoringMaintenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static vn.dancham.db.jooq.Tables.APP_USER;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;
import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;
import static vn.dancham.db.jooq.Tables.LEADER_DIAL;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;
import static vn.dancham.db.jooq.Tables.PROCEDURE;
import static vn.dancham.db.jooq.Tables.PROCEDURE_FIELD;
import static vn.dancham.db.jooq.Tables.USER_ROLE;

/**
 * Writes the demo province: organisation, procedures, ~2,000 dossiers with their stages, ratings given over the
 * hotline in the past six months (through the scoring core's {@link Ratings} API, so attribution, verification and
 * aggregates are the real ones), complaints with recordings (recorded and judged through the complaint API, so the
 * office charged and the officers named are the real flow's), a duty roster and one login per role. Seeding writes
 * the reference tables and dossiers directly in bulk (it is a fixture, and it runs only into an empty database)
 * and then has the scoring core rebuild its aggregates from them.
 */
@Component
class DemoProvince {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DemoProvince.class);

    record Summary(int offices, int officers, int dossiers, int calls, int ratings, int complaints, int shifts) {
    }

    static final int DOSSIERS = 2000;
    private static final int HISTORY_DAYS = 200;
    private static final int RATING_DAYS = 180;

    private final DSLContext dsl;
    private final Organisation organisation;
    private final Ratings ratings;
    private final ScoringMaintenance maintenance;
    private final Complaints complaintRecorder;
    private final ReportIncidents reportIncidents;
    private final ComplaintInbox inbox;
    private final Path recordingsDirectory;
    private final DemoCitizenSms citizenSms;

    DemoProvince(DSLContext dsl, Organisation organisation, Ratings ratings, ScoringMaintenance maintenance,
                 Complaints complaintRecorder, ReportIncidents reportIncidents, ComplaintInbox inbox,
                 org.springframework.core.env.Environment environment, DemoCitizenSms citizenSms) {
        this.reportIncidents = reportIncidents;
        this.citizenSms = citizenSms;
        this.complaintRecorder = complaintRecorder;
        this.inbox = inbox;
        this.dsl = dsl;
        this.organisation = organisation;
        this.ratings = ratings;
        this.maintenance = maintenance;
        this.recordingsDirectory = Path.of(environment.getProperty("dancham.ivr.recordings-directory",
                "data/recordings"));
    }

    @Transactional
    Summary load(long seed, Instant now) {
        Random random = new Random(seed);
        DemoCatalog.UNITS.forEach(u -> organisation.saveUnit(u.code(), u.level(), u.name(), u.parentCode()));
        DemoCatalog.OFFICES.forEach(o -> organisation.saveOffice(o.code(), o.unitCode(), o.dialCode(), o.name(),
                o.kind(), true));

        Map<String, DossierHistory.Staff> staff = new HashMap<>();
        Map<String, Double> speed = new HashMap<>();
        Map<String, Double> courtesy = new HashMap<>();
        Map<String, String> phones = new HashMap<>();
        DossierHistory names = new DossierHistory(seed, now, Map.of(), Map.of());
        int officers = 0;
        for (DemoCatalog.OfficeSpec office : DemoCatalog.OFFICES) {
            boolean counter = office.handles().isEmpty();
            List<String> front = new ArrayList<>();
            List<String> specialists = new ArrayList<>();
            String head = null;
            for (int n = 1; n <= 6; n++) {
                String code = "CB-" + office.code() + "-" + n;
                String position = n == 1 ? (counter ? "Trưởng bộ phận" : "Trưởng phòng")
                        : n == 2 && !counter ? "Phó Trưởng phòng" : counter ? "Công chức một cửa" : "Chuyên viên";
                String phone = names.phone();
                // The kind is recorded, not left to derivation: the commune offices here are one-stop counters.
                organisation.saveOfficer(code, office.code(), names.personName(random.nextBoolean()), position,
                        phone, true, counter ? Officer.Kind.COUNTER : Officer.Kind.SPECIALIST);
                phones.put(code, phone);
                officers++;
                if (n == 1) {
                    head = code;
                } else if (counter) {
                    front.add(code);
                } else {
                    specialists.add(code);
                }
                // A few specialists are habitually slow: the lateness the scoring core must pin on them.
                speed.put(code, counter ? 0.3 + random.nextDouble() * 0.3
                        : random.nextInt(8) == 0 ? 1.05 + random.nextDouble() * 0.5 : 0.45 + random.nextDouble() * 0.4);
                courtesy.put(code, 3.0 + random.nextDouble() * 1.9);
            }
            staff.put(office.code(), new DossierHistory.Staff(office.code(), counter ? front : List.of(),
                    counter ? List.of() : specialists, head));
        }

        Map<String, Long> procedureIds = procedures();
        Map<String, Long> officeIds = new HashMap<>();
        dsl.select(OFFICE.CODE, OFFICE.ID).from(OFFICE).forEach(r -> officeIds.put(r.value1(), r.value2()));
        // The roster and the logins first: the answers below open incidents, and an incident looks for the leader
        // on duty the moment it opens. Loaded later, every demo incident said "no one on duty" while the roster
        // page showed people on duty.
        int shifts = roster(staff, phones, officeIds, now);
        users(officeIds);
        Map<String, Long> officerIds = new HashMap<>();
        dsl.select(OFFICER.CODE, OFFICER.ID).from(OFFICER).forEach(r -> officerIds.put(r.value1(), r.value2()));

        DossierHistory history = new DossierHistory(seed + 1, now, staff, speed);
        List<DossierHistory.Dossier> dossiers = new ArrayList<>();
        for (int i = 1; i <= DOSSIERS; i++) {
            DemoCatalog.Field field = weightedField(history.random());
            List<DemoCatalog.ProcedureSpec> inField = DemoCatalog.PROCEDURES.stream()
                    .filter(p -> p.fieldCode().equals(field.code())).toList();
            DemoCatalog.ProcedureSpec procedure = history.pick(inField);
            String district = history.random().nextInt(100) < 55 ? "GL" : "HH";
            String receiving = field.code().equals("HT") && history.random().nextInt(100) < 60
                    ? (district.equals("GL") ? "GLTT-1C" : "HHKS-1C")
                    : district + "-1C";
            String handling = DemoCatalog.OFFICES.stream()
                    .filter(o -> o.district().equals(district) && o.handles().contains(field.code()))
                    .findFirst().orElseThrow().code();
            // The last few arrived this morning and are still at the counter.
            dossiers.add(history.next(i, procedure, receiving, handling, i > DOSSIERS - 12 ? 0 : HISTORY_DAYS));
        }
        Map<String, Long> dossierIds = insertDossiers(dossiers, procedureIds, officeIds, officerIds);
        long ratingsStarted = System.nanoTime();
        List<PlannedAnswer> answers = new ArrayList<>();
        int[] callsAndRatings = ratings(dossiers, dossierIds, courtesy, random, now, answers);
        int abusive = abuse(dossiers, dossierIds, now, answers);
        // Given in the order they were given, as the hotline would have recorded them: an incident's repeats then
        // come after its opening, never dated before it.
        answers.sort(java.util.Comparator.comparing(a -> a.submission().givenAt()));
        answers.forEach(a -> ratings.record(a.submission()));
        log.info("Demo abuse patterns: {} answers, for the eligibility rules to hold", abusive);
        log.info("Demo ratings recorded through the scoring API in {} ms", (System.nanoTime() - ratingsStarted) / 1_000_000);
        // Complaints go through the hotline's recording and the handler's verdict, and a harassment report
        // reaches the holding office's leader on duty as it would live.
        int complaints = complaints(dossiers, dossierIds, officeIds, officerIds, random, now);
        // Their incidents in this transaction, in the order the reports came in (live, each node's opener does it
        // just after each report commits): the demo's first page shows them, escalated as they would be by now.
        reportIncidents.openDue();
        // The last days' apologies, invitations and citizens' SMS replies (issue 17), after the roster so that a
        // leader's number is told apart from a citizen's.
        DemoCitizenSms.Summary sms = citizenSms.load(now, random);
        log.info("Demo citizen SMS: {}", sms);
        // Dossiers and stages were bulk-inserted above (a fixture); the stage-timing aggregates are rebuilt from
        // them exactly as an audit recomputation would.
        maintenance.recomputeAll();
        // Trend charts read stored snapshots, which the nightly job only writes for the current and previous
        // week and month: snapshot the whole loaded history so a first start already shows a year's trend.
        LocalDate today = LocalDate.ofInstant(now, DossierHistory.ZONE);
        maintenance.snapshot(today.minusDays(HISTORY_DAYS), today);
        return new Summary(DemoCatalog.OFFICES.size(), officers, dossiers.size(), callsAndRatings[0],
                callsAndRatings[1], complaints, shifts);
    }

    private Map<String, Long> procedures() {
        Map<String, Long> fieldIds = new HashMap<>();
        for (DemoCatalog.Field field : DemoCatalog.FIELDS) {
            fieldIds.put(field.code(), dsl.insertInto(PROCEDURE_FIELD)
                    .set(PROCEDURE_FIELD.CODE, field.code()).set(PROCEDURE_FIELD.NAME, field.name())
                    .returning(PROCEDURE_FIELD.ID).fetchSingle().getId());
        }
        Map<String, Long> ids = new HashMap<>();
        for (DemoCatalog.ProcedureSpec p : DemoCatalog.PROCEDURES) {
            ids.put(p.code(), dsl.insertInto(PROCEDURE)
                    .set(PROCEDURE.CODE, p.code()).set(PROCEDURE.FIELD_ID, fieldIds.get(p.fieldCode()))
                    .set(PROCEDURE.NAME, p.name()).set(PROCEDURE.LEGAL_DAYS, p.legalDays())
                    .returning(PROCEDURE.ID).fetchSingle().getId());
        }
        return ids;
    }

    private Map<String, Long> insertDossiers(List<DossierHistory.Dossier> dossiers, Map<String, Long> procedureIds,
                                             Map<String, Long> officeIds, Map<String, Long> officerIds) {
        List<DossierRecord> rows = dossiers.stream().map(d -> new DossierRecord()
                .setReceiptNo(d.receiptNo())
                .setProcedureId(procedureIds.get(d.procedureCode()))
                .setReceivingOfficeId(officeIds.get(d.officeCode()))
                .setReceivingOfficerId(officerIds.get(d.receivingOfficerCode()))
                .setApplicantName(d.applicantName())
                .setApplicantPhone(d.applicantPhone())
                .setReceivedAt(odt(d.receivedAt()))
                .setDueAt(odt(d.dueAt()))
                .setReturnedAt(odt(d.returnedAt()))
                .setStatus(d.status())
                .setUpdatedAt(odt(d.returnedAt() != null ? d.returnedAt() : d.receivedAt()))).toList();
        dsl.batchInsert(rows).execute();
        Map<String, Long> ids = new HashMap<>();
        dsl.select(DOSSIER.RECEIPT_NO, DOSSIER.ID).from(DOSSIER).forEach(r -> ids.put(r.value1(), r.value2()));
        List<DossierStageRecord> stages = new ArrayList<>();
        for (DossierHistory.Dossier d : dossiers) {
            for (DossierHistory.Stage s : d.stages()) {
                stages.add(new DossierStageRecord()
                        .setDossierId(ids.get(d.receiptNo())).setSeq(s.seq())
                        .setOfficeId(officeIds.get(s.officeCode())).setOfficerId(officerIds.get(s.officerCode()))
                        .setName(s.name()).setStartedAt(odt(s.startedAt())).setDueAt(odt(s.dueAt()))
                        .setFinishedAt(odt(s.finishedAt())));
            }
        }
        dsl.batchInsert(stages).execute();
        return ids;
    }

    /** Applicants (and a few others) call the hotline after their dossier is returned and rate it. */
    /** One answer to record, collected first so that all of them are recorded in time order. */
    private record PlannedAnswer(RatingSubmission submission) {
    }

    private int[] ratings(List<DossierHistory.Dossier> dossiers, Map<String, Long> dossierIds,
                          Map<String, Double> courtesy, Random random, Instant now, List<PlannedAnswer> planned) {
        int calls = 0;
        int answers = 0;
        Instant since = now.minus(Duration.ofDays(RATING_DAYS));
        for (DossierHistory.Dossier d : dossiers) {
            if (d.returnedAt() == null || d.returnedAt().isBefore(since) || random.nextInt(100) >= 62) {
                continue;
            }
            Instant callAt = d.returnedAt().plus(Duration.ofMinutes(30 + random.nextInt(3 * 24 * 60)));
            if (callAt.isAfter(now)) {
                continue;
            }
            int who = random.nextInt(100);
            String caller = who < 88 ? d.applicantPhone() : who < 97 ? "09" + String.format("%08d",
                    random.nextInt(100_000_000)) : null;
            // Two in three of the others are family or a service agent who know the applicant's phone and pass the
            // hotline's knowledge check; the rest skip it.
            String knownDigits = who >= 88 && who < 94 && d.applicantPhone() != null
                    ? d.applicantPhone().substring(d.applicantPhone().length() - 4) : null;
            calls++;
            long callId = demoCall("demo-" + calls, caller, callAt, 70 + random.nextInt(90));
            double manner = courtesy.getOrDefault(d.receivingOfficerCode(), 4.0);
            int attitude = clamp(Math.round(manner + random.nextGaussian() * 0.8));
            int timeliness = d.returnedLate() ? new int[]{1, 2, 2, 3, 3, 4}[random.nextInt(6)]
                    : new int[]{3, 4, 4, 5, 5, 5}[random.nextInt(6)];
            int overall = clamp(Math.round((attitude + timeliness) / 2.0 + random.nextGaussian() * 0.5));
            long dossierId = dossierIds.get(d.receiptNo());
            Map<String, Integer> given = new LinkedHashMap<>();
            given.put("ATTITUDE", attitude);
            given.put("TIMELINESS", timeliness);
            given.put("OVERALL", overall);
            int second = 0;
            for (Map.Entry<String, Integer> answer : given.entrySet()) {
                planned.add(new PlannedAnswer(new RatingSubmission(callId, dossierId, null, answer.getKey(),
                        answer.getValue(), caller, callAt.plusSeconds(20 + 15L * second++),
                        RatingSubmission.Channel.PHONE, null, knownDigits, false)));
                answers++;
            }
        }
        return new int[]{calls, answers};
    }

    private long demoCall(String uniqueId, String caller, Instant at, int seconds) {
        return dsl.insertInto(HOTLINE_CALL)
                .set(HOTLINE_CALL.ASTERISK_UNIQUE_ID, uniqueId)
                .set(HOTLINE_CALL.CALLER_NUMBER, caller)
                .set(HOTLINE_CALL.CALLER_WITHHELD, caller == null)
                .set(HOTLINE_CALL.DNIS, "1022")
                .set(HOTLINE_CALL.NODE, "demo")
                .set(HOTLINE_CALL.STARTED_AT, odt(at))
                .set(HOTLINE_CALL.ENDED_AT, odt(at.plusSeconds(seconds)))
                .set(HOTLINE_CALL.OUTCOME, "COMPLETED")
                .set(HOTLINE_CALL.LAST_STEP, "RATING_THANKS")
                .returning(HOTLINE_CALL.ID).fetchSingle().getId();
    }

    /**
     * A few abuse patterns of the kinds docs/scoring.md's threat model names, through the same rating API, so the
     * flagged page has something real to review: a rival's number walking one counter officer's receipts with 1s,
     * 2s and 3s; twelve numbers on one dossier; a withheld prankster calling one dossier again and again. The
     * eligibility rules hold them; none of it reaches a score.
     *
     * @return the answers given
     */
    private int abuse(List<DossierHistory.Dossier> dossiers, Map<String, Long> dossierIds, Instant now,
                      List<PlannedAnswer> planned) {
        List<DossierHistory.Dossier> recent = dossiers.stream()
                .filter(d -> d.returnedAt() != null && d.returnedAt().isAfter(now.minus(Duration.ofDays(25)))
                        && d.receivingOfficerCode() != null)
                .toList();
        if (recent.isEmpty()) {
            return 0;
        }
        String target = recent.getFirst().receivingOfficerCode();
        List<DossierHistory.Dossier> ofTarget = recent.stream()
                .filter(d -> target.equals(d.receivingOfficerCode())).limit(8).toList();
        int answers = 0;
        Instant rival = now.minus(Duration.ofDays(2)).minus(Duration.ofHours(5));
        for (int i = 0; i < ofTarget.size(); i++) {
            Instant at = rival.plusSeconds(60L * i);
            long call = demoCall("demo-rival-" + i, "0977123456", at, 40);
            answers += abusiveCall(call, dossierIds.get(ofTarget.get(i).receiptNo()), "0977123456", 1 + i % 3, at,
                    planned);
        }
        long oneDossier = dossierIds.get(recent.get(recent.size() / 2).receiptNo());
        Instant crowd = now.minus(Duration.ofDays(1)).minus(Duration.ofHours(3));
        for (int i = 0; i < 12; i++) {
            String number = String.format("09660001%02d", i);
            Instant at = crowd.plusSeconds(5L * i);
            answers += abusiveCall(demoCall("demo-crowd-" + i, number, at, 35), oneDossier, number, 1 + i % 3, at,
                    planned);
        }
        long pranked = dossierIds.get(recent.getLast().receiptNo());
        Instant prank = now.minus(Duration.ofHours(20));
        for (int i = 0; i < 10; i++) {
            Instant at = prank.plusSeconds(45L * i);
            answers += abusiveCall(demoCall("demo-withheld-" + i, null, at, 40), pranked, null, 1, at, planned);
        }
        return answers;
    }

    private int abusiveCall(long callId, long dossierId, String caller, int value, Instant at,
                            List<PlannedAnswer> planned) {
        for (String question : List.of("ATTITUDE", "TIMELINESS", "OVERALL")) {
            planned.add(new PlannedAnswer(new RatingSubmission(callId, dossierId, null, question, value, caller, at,
                    RatingSubmission.Channel.PHONE)));
            at = at.plusSeconds(10);
        }
        return 3;
    }

    private int complaints(List<DossierHistory.Dossier> dossiers, Map<String, Long> dossierIds,
                           Map<String, Long> officeIds, Map<String, Long> officerIds, Random random, Instant now) {
        Path demoDirectory = recordingsDirectory.resolve("demo");
        String[] samples = {"complaint-late-land.wav", "complaint-rude-counter.wav", "report-money.wav"};
        try {
            Files.createDirectories(demoDirectory);
            for (String sample : samples) {
                try (InputStream in = getClass().getResourceAsStream("/demo/recordings/" + sample)) {
                    if (in != null) {
                        Files.copy(in, demoDirectory.resolve(sample), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write demo recordings to " + demoDirectory, e);
        }
        long handler = dsl.select(APP_USER.ID).from(APP_USER).where(APP_USER.USERNAME.eq("handler")).fetchSingle()
                .value1();
        String[] statuses = {"NEW", "NEW", "ASSIGNED", "ANSWERED", "RESOLVED", "RESOLVED"};
        record Drawn(DossierHistory.Dossier d, boolean harassment, Instant at, String status, String sample,
                     int seconds, boolean founded) {
        }
        List<Drawn> drawn = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            DossierHistory.Dossier d = dossiers.get(random.nextInt(dossiers.size()));
            boolean harassment = i % 6 == 5;
            Instant when = now.minus(Duration.ofHours(2 + random.nextInt(60 * 24)));
            // A complaint about a dossier comes after it was received.
            Instant at = earlier(later(when, d.receivedAt().plus(Duration.ofHours(1))), now.minusSeconds(60));
            String status = statuses[random.nextInt(statuses.length)];
            String sample = harassment ? samples[2] : samples[random.nextInt(2)];
            drawn.add(new Drawn(d, harassment, at, status, sample, 6 + random.nextInt(20), random.nextInt(3) < 2));
        }
        // Recorded in the order they came in, so an incident's repeated reports follow its opening.
        drawn.sort(java.util.Comparator.comparing(Drawn::at));
        int count = 0;
        for (Drawn c : drawn) {
            DossierHistory.Dossier d = c.d();
            Instant at = c.at();
            String status = c.status();
            // Recorded as the hotline records them: no officer, the office is the one holding the dossier then.
            long id = complaintRecorder.record(new NewComplaint(
                    c.harassment() ? NewComplaint.Kind.HARASSMENT : NewComplaint.Kind.COMPLAINT, null,
                    dossierIds.get(d.receiptNo()), d.receiptNo(), officeIds.get(d.officeCode()), null,
                    d.applicantPhone(), "demo/" + c.sample(),
                    c.seconds(), NewComplaint.RecordingState.RECORDED, at));
            if (status.equals("NEW")) {
                count++;
                continue;
            }
            inbox.assign(id, handler);
            if (status.equals("ANSWERED") || status.equals("RESOLVED")) {
                // Looked into: about two in three are founded, against the officer the story points at (the
                // specialist holding it for a report of money demanded, the counter officer for a complaint).
                String officerCode = c.harassment() ? d.stages().get(Math.min(1, d.stages().size() - 1)).officerCode()
                        : d.receivingOfficerCode();
                Instant decided = earlier(at.plus(Duration.ofDays(2)), now);
                if (c.founded() && officerIds.get(officerCode) != null) {
                    inbox.decide(id, ComplaintInbox.Verdict.CONFIRMED, List.of(officerIds.get(officerCode)),
                            "Đã làm việc với cán bộ; cán bộ thừa nhận nội dung phản ánh.", handler, decided);
                } else {
                    inbox.decide(id, ComplaintInbox.Verdict.UNFOUNDED, List.of(),
                            "Đối chiếu hồ sơ và làm việc với các bên: nội dung phản ánh không đúng.", handler, decided);
                }
                inbox.answer(id, "Đã làm việc với bộ phận liên quan và phản hồi công dân qua điện thoại.", decided);
                if (status.equals("RESOLVED")) {
                    inbox.resolve(id, earlier(at.plus(Duration.ofDays(3)), now));
                }
            }
            count++;
        }
        return count;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Office heads answer for their office day and night (level 1); two vice-chairs of each district alternate by
     * week (level 2); the district chair (level 3) and the provincial duty leader stand behind them.
     */
    private int roster(Map<String, DossierHistory.Staff> staff, Map<String, String> phones,
                       Map<String, Long> officeIds, Instant now) {
        // From the start of the loaded history: an incident opened by an answer months ago looked for the leader on
        // duty then, and found the roster empty when it began only four weeks back.
        Instant from = now.minus(Duration.ofDays(HISTORY_DAYS + 1));
        Instant until = now.plus(Duration.ofDays(365));
        int shifts = 0;
        for (DemoCatalog.OfficeSpec office : DemoCatalog.OFFICES) {
            String head = staff.get(office.code()).head();
            String name = dsl.select(OFFICER.FULL_NAME).from(OFFICER).where(OFFICER.CODE.eq(head)).fetchSingle().value1();
            shift(null, officeIds.get(office.code()), 1, name, phones.get(head), from, until, null);
            shifts++;
        }
        Map<String, String[]> districtLeaders = Map.of(
                "GL", new String[]{"Lê Văn Hùng", "0905000301", "Trần Thị Mai", "0905000302", "Nguyễn Đức Thắng", "0905000303"},
                "HH", new String[]{"Hồ Quang Sơn", "0905000401", "Phan Thị Hạnh", "0905000402", "Võ Văn Toàn", "0905000403"});
        for (Map.Entry<String, String[]> district : districtLeaders.entrySet()) {
            long unitId = organisation.unitByCode(district.getKey()).orElseThrow().id();
            String[] p = district.getValue();
            Instant weekStart = from;
            int week = 0;
            while (weekStart.isBefore(until)) {
                Instant weekEnd = weekStart.plus(Duration.ofDays(7));
                int who = week % 2 == 0 ? 0 : 2;
                shift(unitId, null, 2, p[who], p[who + 1], weekStart, weekEnd, "Phó Chủ tịch UBND huyện, trực tuần");
                weekStart = weekEnd;
                week++;
                shifts++;
            }
            shift(unitId, null, 3, p[4], p[5], from, until, "Chủ tịch UBND huyện");
            shifts++;
            String office = district.getKey() + "-1C";
            String head = staff.get(office).head();
            leaderCalls(district.getKey(), officeIds.get(office), unitId,
                    dsl.select(OFFICER.FULL_NAME).from(OFFICER).where(OFFICER.CODE.eq(head)).fetchSingle().value1(),
                    phones.get(head), p, now);
        }
        long province = organisation.unitByCode("QT").orElseThrow().id();
        shift(province, null, 3, "Đặng Văn Phúc", "0905000501", from, until, "Trực lãnh đạo tỉnh");
        return shifts + 1;
    }

    /**
     * Last month's calls put through to the leader chain (issue 18), so that the monthly report's "Trực đường dây
     * nóng" has figures: Gio Linh's leaders pick up most calls, Hướng Hóa's leave many to the next level.
     */
    private void leaderCalls(String district, long officeId, long unitId, String headName, String headPhone,
                             String[] p, Instant now) {
        Random random = new Random(district.hashCode());
        int pickUp = district.equals("GL") ? 85 : 60;
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        java.time.YearMonth month = java.time.YearMonth.from(now.atZone(zone)).minusMonths(1);
        String[][] chain = {{headName, headPhone}, {p[0], p[1]}, {p[4], p[5]}};
        for (int i = 0; i < 24; i++) {
            Instant at = month.atDay(1 + i % month.lengthOfMonth()).atTime(7 + random.nextInt(15), random.nextInt(60))
                    .atZone(zone).toInstant();
            long callId = demoCall("demo-leader-" + district + "-" + i, "0905" + (700000 + random.nextInt(99999)), at,
                    90);
            boolean hungUp = random.nextInt(100) < 8;
            for (int level = 1; level <= chain.length; level++) {
                String status = hungUp ? "CANCEL" : random.nextInt(100) < pickUp ? "ANSWER"
                        : random.nextBoolean() ? "NOANSWER" : "BUSY";
                dsl.insertInto(LEADER_DIAL).set(LEADER_DIAL.CALL_ID, callId).set(LEADER_DIAL.OFFICE_ID, officeId)
                        .set(LEADER_DIAL.ADMIN_UNIT_ID, unitId).set(LEADER_DIAL.LEVEL, (short) level)
                        .set(LEADER_DIAL.PERSON_NAME, chain[level - 1][0]).set(LEADER_DIAL.PHONE, chain[level - 1][1])
                        .set(LEADER_DIAL.DIAL_STATUS, status).set(LEADER_DIAL.RING_SECONDS, 30)
                        .set(LEADER_DIAL.AT, odt(at.plusSeconds(20 + 35L * (level - 1)))).execute();
                if (!status.equals("NOANSWER") && !status.equals("BUSY")) {
                    break;
                }
            }
        }
    }

    private void shift(Long unitId, Long officeId, int level, String name, String phone, Instant from, Instant until,
                       String note) {
        dsl.insertInto(DUTY_SHIFT)
                .set(DUTY_SHIFT.ADMIN_UNIT_ID, unitId).set(DUTY_SHIFT.OFFICE_ID, officeId)
                .set(DUTY_SHIFT.LEVEL, (short) level).set(DUTY_SHIFT.PERSON_NAME, name).set(DUTY_SHIFT.PHONE, phone)
                .set(DUTY_SHIFT.STARTS_AT, odt(from)).set(DUTY_SHIFT.ENDS_AT, odt(until)).set(DUTY_SHIFT.NOTE, note)
                .execute();
    }

    private void users(Map<String, Long> officeIds) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String hash = encoder.encode(DemoCatalog.DEMO_PASSWORD);
        for (DemoCatalog.DemoUser user : DemoCatalog.USERS) {
            long id = dsl.insertInto(APP_USER)
                    .set(APP_USER.USERNAME, user.username()).set(APP_USER.PASSWORD_HASH, hash)
                    .set(APP_USER.DISPLAY_NAME, user.displayName()).set(APP_USER.PHONE, user.phone())
                    .set(APP_USER.OFFICE_ID, user.officeCode() == null ? null : officeIds.get(user.officeCode()))
                    .set(APP_USER.OFFICER_ID, user.officerCode() == null ? null : dsl.select(OFFICER.ID).from(OFFICER)
                            .where(OFFICER.CODE.eq(user.officerCode())).fetchSingle(OFFICER.ID))
                    .set(APP_USER.ADMIN_UNIT_ID, user.unitCode() == null ? null
                            : organisation.unitByCode(user.unitCode()).orElseThrow().id())
                    .returning(APP_USER.ID).fetchSingle().getId();
            dsl.insertInto(USER_ROLE).set(USER_ROLE.USER_ID, id).set(USER_ROLE.ROLE, user.role()).execute();
        }
    }

    private static DemoCatalog.Field weightedField(Random random) {
        int total = DemoCatalog.FIELDS.stream().mapToInt(DemoCatalog.Field::weight).sum();
        int pick = random.nextInt(total);
        for (DemoCatalog.Field field : DemoCatalog.FIELDS) {
            pick -= field.weight();
            if (pick < 0) {
                return field;
            }
        }
        throw new IllegalStateException("weights");
    }

    private static int clamp(long value) {
        return (int) Math.max(1, Math.min(5, value));
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
