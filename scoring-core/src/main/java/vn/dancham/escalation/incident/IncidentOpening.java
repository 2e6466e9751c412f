package vn.dancham.escalation.incident;

import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.IncidentKind;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.Severity;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.text.SmsWords;
import vn.dancham.text.StoredText;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.INCIDENT_RATING;

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
        String time = texts.time(e.reportedAt(), now);
        StoredText summary = place.officerName() != null
                ? StoredText.of("incident.summary.HARASSMENT_REPORT.officer", place.where(), place.officerName(), time)
                : StoredText.of("incident.summary.HARASSMENT_REPORT", place.where(), time);
        StoredText opened = e.receiptNo() != null
                ? StoredText.of("incident.event.OPENED.complaintDossier", e.complaintId(), e.receiptNo())
                : StoredText.of("incident.event.OPENED.complaint", e.complaintId());
        open(new NewIncident(IncidentKind.HARASSMENT_REPORT, Severity.URGENT,
                place.officerId() != null ? "OFFICER" : place.officeId() != null ? "OFFICE" : "UNIT",
                place.officerId() != null ? place.officerId() : place.officeId() != null ? place.officeId()
                        : place.unitId(),
                place.officeId(), place.unitId(), StoredText.of("incident.title.HARASSMENT_REPORT", place.whoWhere()),
                texts.harassmentSummary(place.where(), place.officerName(), e.reportedAt(), now), summary, facts,
                Map.of(), e.reportedAt(), opened), now);
    }

    /** Why a call did not reach a leader, as a code with words in both bundles (BUSY, NO_ANSWER, …, OTHER). */
    private static String reason(String reason, boolean nobodyOnDutyPossible) {
        return switch (reason == null ? "" : reason) {
            case "BUSY", "NO_ANSWER" -> reason;
            case "NOBODY_ON_DUTY" -> nobodyOnDutyPossible ? reason : "OTHER";
            default -> "OTHER";
        };
    }

    @EventListener
    public void on(LeaderCallMissed e) {
        Instant now = clock.instant();
        Place place = e.officeId() != null ? place(e.officeId(), null, null) : unitPlace(e.adminUnitId());
        StoredText reason = StoredText.word("incident.reason", reason(e.reason(), true));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("callId", Long.toString(e.callId()));
        facts.put("caller", e.callerNumber() == null ? null : PhoneNumbers.masked(e.callerNumber()));
        Map<String, StoredText> worded = new LinkedHashMap<>();
        worded.put("reason", reason);
        // The leader chain: who was rung, level by level, while the caller waited.
        List<StoredText> tried = e.tries().stream()
                .map(t -> StoredText.of("incident.try", t.level(), String.join(", ", t.people()),
                        StoredText.word("incident.reason", reason(t.reason(), false))))
                .toList();
        worded.put("tries", tried.isEmpty() ? null : StoredText.of("incident.tries", tried));
        // The SMS stays short (one segment, no caller number); who was rung is on the incident page behind login.
        String time = texts.time(e.at(), now);
        open(new NewIncident(IncidentKind.MISSED_LEADER_CALL, settings.missedCallSeverity(),
                place.officeId() != null ? "OFFICE" : "UNIT",
                place.officeId() != null ? place.officeId() : place.unitId(), place.officeId(), place.unitId(),
                StoredText.of("incident.title.MISSED_LEADER_CALL", place.where()),
                texts.missedCallSummary(SmsWords.say(reason), place.where(), e.at(), now),
                StoredText.of("incident.summary.MISSED_LEADER_CALL", reason, place.where(), time), facts, worded,
                e.at(), StoredText.of("incident.event.OPENED.call", e.callId(), reason)), now);
    }

    @EventListener
    public void on(ConcernRaised e) {
        Instant now = clock.instant();
        Place place = e.officeId() != null ? place(e.officeId(), null, null) : unitPlace(e.adminUnitId());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("subjectName", e.subjectName());
        facts.put("score", e.score() == null ? null : e.score().setScale(1, RoundingMode.HALF_UP).toPlainString());
        facts.put("sampleSize", Integer.toString(e.sampleSize()));
        Map<String, StoredText> worded = new LinkedHashMap<>();
        worded.put("period", e.periodWords());
        worded.put("detail", e.detail());
        String whole = e.score() == null ? "" : e.score().setScale(0, RoundingMode.HALF_UP).toPlainString();
        String score = e.score() == null ? "" : " " + whole + "/100";
        String sample = " (n=" + e.sampleSize() + (e.period() != null ? ", " + e.period() : "") + ")";
        String in = place.officeName() != null && !"OFFICE".equals(e.subjectType()) ? ", " + place.officeName() : "";
        // Pages: the same facts as the SMS, with the period in the reader's words.
        StoredText figures = StoredText.of(e.periodWords() != null ? "incident.summary.figures.period"
                : "incident.summary.figures", whole, e.sampleSize(), e.periodWords());
        IncidentKind kind;
        Severity severity;
        String smsSummary;
        switch (e.kind()) {
            case LOWEST_ATTITUDE -> {
                kind = IncidentKind.LOWEST_ATTITUDE;
                severity = Severity.WARNING;
                smsSummary = texts.attitudeSummary(e.subjectName(), in, e.at(), now);
                figures = StoredText.of("incident.summary.time", texts.time(e.at(), now));
            }
            case LOW_SCORE -> {
                kind = IncidentKind.LOW_SCORE;
                severity = Severity.LOW;
                smsSummary = SmsWords.say(StoredText.of("incident.sms.LOW_SCORE", e.subjectName() + in + score + sample));
            }
            case SCORE_DROP -> {
                kind = IncidentKind.SCORE_DROP;
                severity = Severity.LOW;
                smsSummary = SmsWords.say(StoredText.of("incident.sms.SCORE_DROP", e.subjectName() + in + score + sample));
            }
            case LEADER_CALLS_UNANSWERED -> {
                // A weekly figure, not an emergency: the morning digest, like the other figures' concerns.
                kind = IncidentKind.LEADER_CALLS_UNANSWERED;
                severity = Severity.LOW;
                smsSummary = SmsWords.say(StoredText.of("incident.sms.LEADER_CALLS_UNANSWERED",
                        e.subjectName() + score.replace("/100", "%") + sample));
                figures = StoredText.of(e.periodWords() != null ? "incident.summary.share.period"
                        : "incident.summary.share", whole, e.sampleSize(), e.periodWords());
            }
            default -> throw new IllegalArgumentException("Unknown concern " + e.kind());
        }
        StoredText summary = StoredText.of("incident.summary." + kind.name(), e.subjectName(), in, figures);
        open(new NewIncident(kind, severity, e.subjectType(), e.subjectId(), place.officeId(), place.unitId(),
                StoredText.of("incident.title." + kind.name(), e.subjectName()), smsSummary, summary, facts, worded,
                e.at(), e.detail()), now, e.ratingIds());
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

    /**
     * The officer (when known), and the office: the one given, else the officer's, else the dossier's receiving
     * office; with the office's unit. One statement: a harassment report is opened off the caller's time, but each
     * round trip still costs the node's database about what a caller's does.
     */
    private static final String PLACE = """
            SELECT o.id, o.full_name, f.id, f.name, u.id, u.name
            FROM (SELECT ?::bigint AS office_id, ?::bigint AS officer_id, ?::bigint AS dossier_id) p
                     LEFT JOIN officer o ON o.id = p.officer_id
                     LEFT JOIN dossier d ON d.id = p.dossier_id
                     LEFT JOIN office f ON f.id = coalesce(p.office_id, o.office_id, d.receiving_office_id)
                     LEFT JOIN admin_unit u ON u.id = f.unit_id""";

    private Place place(Long officeId, Long officerId, Long dossierId) {
        var r = dsl.fetchSingle(PLACE, officeId, officerId, dossierId);
        Long foundOfficer = r.get(0, Long.class);
        String officerName = foundOfficer != null ? r.get(1, String.class) : null;
        Long foundOffice = r.get(2, Long.class);
        Long unitId = r.get(4, Long.class);
        if (foundOffice != null && unitId != null) {
            return new Place(foundOffice, r.get(3, String.class), foundOfficer, officerName, unitId,
                    r.get(5, String.class));
        }
        Place province = unitPlace(null);
        return new Place(null, null, foundOfficer, officerName, province.unitId(), province.unitName());
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
