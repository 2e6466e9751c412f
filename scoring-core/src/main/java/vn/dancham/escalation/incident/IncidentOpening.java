package vn.dancham.escalation.incident;

import org.jooq.DSLContext;
import org.jooq.Record3;
import org.springframework.context.event.EventListener;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.IncidentKind;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.Severity;
import vn.dancham.scoring.ConcernRaised;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.INCIDENT_RATING;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;

/**
 * Turns events into incidents. Listeners are synchronous and run in the publisher's transaction, so the incident,
 * its timeline and its first SMS rows commit (or roll back) together with the report that caused them.
 * <ul>
 *   <li>{@link HarassmentReported} → URGENT HARASSMENT_REPORT about the officer (else the office).</li>
 *   <li>{@link LeaderCallMissed} → MISSED_LEADER_CALL about the office (else the unit), URGENT by default
 *       ({@code dancham.escalation.missed-call-severity}): a caller who asks for the leader on duty expects someone
 *       now, and the missed call is itself a failure of the 24/7 promise.</li>
 *   <li>{@link ConcernRaised} LOWEST_ATTITUDE → WARNING; LOW_SCORE, SCORE_DROP and LEADER_CALLS_UNANSWERED → LOW
 *       (daily digest).</li>
 * </ul>
 */
final class IncidentOpening {

    private final DSLContext dsl;
    private final IncidentStore store;
    private final Escalator escalator;
    private final IncidentTexts texts;
    private final EscalationProperties settings;
    private final Clock clock;

    IncidentOpening(DSLContext dsl, IncidentStore store, Escalator escalator, IncidentTexts texts,
                    EscalationProperties settings, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.escalator = escalator;
        this.texts = texts;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    public void on(HarassmentReported e) {
        Instant now = clock.instant();
        Place place = place(e.officeId(), e.officerId(), e.dossierId());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("complaintId", Long.toString(e.complaintId()));
        facts.put("receiptNo", e.receiptNo());
        facts.put("officeName", place.officeName());
        facts.put("officerName", place.officerName());
        facts.put("caller", e.callerNumber() == null ? null : PhoneNumbers.masked(e.callerNumber()));
        facts.put("callId", e.callId() == null ? null : e.callId().toString());
        String summary = texts.harassmentSummary(place.where(), place.officerName(), e.reportedAt(), now);
        open(new NewIncident(IncidentKind.HARASSMENT_REPORT, Severity.URGENT,
                place.officerId() != null ? "OFFICER" : place.officeId() != null ? "OFFICE" : "UNIT",
                place.officerId() != null ? place.officerId() : place.officeId() != null ? place.officeId()
                        : place.unitId(),
                place.officeId(), place.unitId(), "Phản ánh vòi vĩnh, hạch sách: " + place.whoWhere(),
                summary, facts, e.reportedAt(), "Phản ánh #" + e.complaintId()
                + (e.receiptNo() != null ? ", hồ sơ " + e.receiptNo() : "")), now);
    }

    @EventListener
    public void on(LeaderCallMissed e) {
        Instant now = clock.instant();
        Place place = e.officeId() != null ? place(e.officeId(), null, null) : unitPlace(e.adminUnitId());
        String reason = switch (e.reason() == null ? "" : e.reason()) {
            case "BUSY" -> "máy bận";
            case "NO_ANSWER" -> "không nghe máy";
            case "NOBODY_ON_DUTY" -> "không có ai trực";
            default -> "không kết nối được";
        };
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("callId", Long.toString(e.callId()));
        facts.put("reason", e.reason());
        facts.put("caller", e.callerNumber() == null ? null : PhoneNumbers.masked(e.callerNumber()));
        // The leader chain: who was rung, level by level, while the caller waited.
        String tried = e.tries().stream()
                .map(t -> "cấp " + t.level() + " " + String.join(", ", t.people()) + ": " + switch (t.reason()) {
                    case "BUSY" -> "máy bận";
                    case "NO_ANSWER" -> "không nghe máy";
                    default -> "không kết nối được";
                })
                .collect(java.util.stream.Collectors.joining("; "));
        facts.put("tries", tried.isEmpty() ? null : tried);
        // The SMS stays short (one segment, no caller number); who was rung is on the incident page behind login.
        String summary = texts.missedCallSummary(reason, place.where(), e.at(), now);
        open(new NewIncident(IncidentKind.MISSED_LEADER_CALL, settings.missedCallSeverity(),
                place.officeId() != null ? "OFFICE" : "UNIT",
                place.officeId() != null ? place.officeId() : place.unitId(), place.officeId(), place.unitId(),
                "Cuộc gọi tới lãnh đạo trực bị nhỡ: " + place.where(), summary, facts, e.at(),
                "Cuộc gọi #" + e.callId() + ": " + reason), now);
    }

    @EventListener
    public void on(ConcernRaised e) {
        Instant now = clock.instant();
        Place place = e.officeId() != null ? place(e.officeId(), null, null) : unitPlace(e.adminUnitId());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("subjectName", e.subjectName());
        facts.put("score", e.score() == null ? null : e.score().setScale(1, RoundingMode.HALF_UP).toPlainString());
        facts.put("sampleSize", Integer.toString(e.sampleSize()));
        facts.put("period", e.period());
        facts.put("detail", e.detail());
        String score = e.score() == null ? "" : " " + e.score().setScale(0, RoundingMode.HALF_UP) + "/100";
        String sample = " (n=" + e.sampleSize() + (e.period() != null ? ", " + e.period() : "") + ")";
        String in = place.officeName() != null && !"OFFICE".equals(e.subjectType()) ? ", " + place.officeName() : "";
        IncidentKind kind;
        Severity severity;
        String summary;
        String title;
        switch (e.kind()) {
            case LOWEST_ATTITUDE -> {
                kind = IncidentKind.LOWEST_ATTITUDE;
                severity = Severity.WARNING;
                summary = texts.attitudeSummary(e.subjectName(), in, e.at(), now);
                title = "Đánh giá thái độ thấp nhất: " + e.subjectName();
            }
            case LOW_SCORE -> {
                kind = IncidentKind.LOW_SCORE;
                severity = Severity.LOW;
                summary = "điểm thấp " + e.subjectName() + in + score + sample;
                title = "Điểm thấp: " + e.subjectName();
            }
            case SCORE_DROP -> {
                kind = IncidentKind.SCORE_DROP;
                severity = Severity.LOW;
                summary = "điểm giảm mạnh " + e.subjectName() + in + score + sample;
                title = "Điểm giảm mạnh: " + e.subjectName();
            }
            case LEADER_CALLS_UNANSWERED -> {
                // A weekly figure, not an emergency: the morning digest, like the other figures' concerns.
                kind = IncidentKind.LEADER_CALLS_UNANSWERED;
                severity = Severity.LOW;
                summary = "lãnh đạo trực ít nghe máy " + e.subjectName() + score.replace("/100", "%") + sample;
                title = "Lãnh đạo trực ít nghe máy: " + e.subjectName();
            }
            default -> throw new IllegalArgumentException("Unknown concern " + e.kind());
        }
        open(new NewIncident(kind, severity, e.subjectType(), e.subjectId(), place.officeId(), place.unitId(), title,
                summary, facts, e.at(), e.detail()), now, e.ratingIds());
    }

    private void open(NewIncident n, Instant now) {
        open(n, now, List.of());
    }

    private void open(NewIncident n, Instant now, List<Long> ratingIds) {
        // Joins the publisher's transaction when there is one (a savepoint), else runs in its own.
        dsl.transaction(tx -> {
            IncidentStore.Opening opening = store.open(tx.dsl(), n);
            for (long ratingId : ratingIds) {
                tx.dsl().insertInto(INCIDENT_RATING, INCIDENT_RATING.INCIDENT_ID, INCIDENT_RATING.RATING_ID)
                        .values(opening.id(), ratingId).onConflictDoNothing().execute();
            }
            if (opening instanceof IncidentStore.Opened opened) {
                escalator.firstStep(tx.dsl(), store.find(tx.dsl(), opened.id()).orElseThrow(), now);
            }
        });
    }

    /** Where something happened, resolved from what the event knows. */
    record Place(Long officeId, String officeName, Long officerId, String officerName, long unitId,
                 String unitName) {
        String where() {
            return officeName != null ? officeName : unitName;
        }

        String whoWhere() {
            return officerName != null ? officerName + " — " + where() : where();
        }
    }

    private Place place(Long officeId, Long officerId, Long dossierId) {
        String officerName = null;
        if (officerId != null) {
            var o = dsl.select(OFFICER.FULL_NAME, OFFICER.OFFICE_ID).from(OFFICER).where(OFFICER.ID.eq(officerId))
                    .fetchOne();
            if (o != null) {
                officerName = o.value1();
                officeId = officeId != null ? officeId : o.value2();
            } else {
                officerId = null;
            }
        }
        if (officeId == null && dossierId != null) {
            officeId = dsl.select(DOSSIER.RECEIVING_OFFICE_ID).from(DOSSIER).where(DOSSIER.ID.eq(dossierId))
                    .fetchOne(DOSSIER.RECEIVING_OFFICE_ID);
        }
        if (officeId != null) {
            Record3<String, Long, String> r = dsl.select(OFFICE.NAME, ADMIN_UNIT.ID, ADMIN_UNIT.NAME).from(OFFICE)
                    .join(ADMIN_UNIT).on(ADMIN_UNIT.ID.eq(OFFICE.UNIT_ID)).where(OFFICE.ID.eq(officeId)).fetchOne();
            if (r != null) {
                return new Place(officeId, r.value1(), officerId, officerName, r.value2(), r.value3());
            }
        }
        Place province = unitPlace(null);
        return new Place(null, null, officerId, officerName, province.unitId(), province.unitName());
    }

    /** The unit, or the province when the unit is unknown: someone must hear about it. */
    private Place unitPlace(Long unitId) {
        var r = unitId == null ? null : dsl.select(ADMIN_UNIT.ID, ADMIN_UNIT.NAME).from(ADMIN_UNIT)
                .where(ADMIN_UNIT.ID.eq(unitId)).fetchOne();
        if (r == null) {
            r = dsl.select(ADMIN_UNIT.ID, ADMIN_UNIT.NAME).from(ADMIN_UNIT).where(ADMIN_UNIT.LEVEL.eq("PROVINCE"))
                    .orderBy(ADMIN_UNIT.ID).limit(1).fetchOne();
        }
        if (r == null) {
            throw new IllegalStateException("No province in admin_unit: load the organisation first");
        }
        return new Place(null, null, null, null, r.value1(), r.value2());
    }
}
