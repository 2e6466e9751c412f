package vn.dancham.responsiveness.internal;

import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import vn.dancham.responsiveness.HotlineResponsiveness;
import vn.dancham.responsiveness.ResponsivenessProperties;
import vn.dancham.responsiveness.ResponsivenessReport;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.text.SmsWords;
import vn.dancham.text.StoredText;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the facts of a period (rings from {@code leader_dial}, alerts from the SMS outbox and their incidents) and
 * lets {@link Tally} count them; records a district's weekly concern once in {@code score_concern} and publishes it
 * in the same transaction, as the score concerns do.
 */
public final class JooqHotlineResponsiveness implements HotlineResponsiveness {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");

    private final DSLContext dsl;
    private final ApplicationEventPublisher events;
    private final ResponsivenessProperties properties;
    private final Clock clock;

    public JooqHotlineResponsiveness(DSLContext dsl, ApplicationEventPublisher events,
                                     ResponsivenessProperties properties, Clock clock) {
        this.dsl = dsl;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public ResponsivenessReport between(Instant from, Instant to) {
        return Tally.of(rings(dsl, from, to), alerts(dsl, from, to));
    }

    @Override
    public List<ConcernRaised> checkLastWeek() {
        return checkWeek(LocalDate.now(clock.withZone(zone())).minusWeeks(1));
    }

    @Override
    public List<ConcernRaised> checkWeek(LocalDate dayOfWeek) {
        LocalDate monday = dayOfWeek.with(DayOfWeek.MONDAY);
        Instant from = monday.atStartOfDay(zone()).toInstant();
        Instant to = monday.plusWeeks(1).atStartOfDay(zone()).toInstant();
        int week = monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        int year = monday.get(IsoFields.WEEK_BASED_YEAR);
        String key = String.format("%d-W%02d", year, week);
        StoredText label = StoredText.of("incident.period.isoWeek", week, year, DAY.format(monday),
                DAY.format(monday.plusDays(6)));
        List<ConcernRaised> raised = new ArrayList<>();
        for (ResponsivenessReport.District d : between(from, to).districts()) {
            if (d.unitId() == null
                    || !Tally.unanswered(d.calls(), properties.minAnsweredShare(), properties.minCalls())) {
                continue;
            }
            ConcernRaised concern = dsl.transactionResult(tx -> raise(tx.dsl(), d, key, label));
            if (concern != null) {
                raised.add(concern);
            }
        }
        return raised;
    }

    private ConcernRaised raise(DSLContext t, ResponsivenessReport.District d, String key, StoredText label) {
        BigDecimal percent = d.calls().answeredPercent().orElseThrow();
        Instant now = clock.instant();
        int inserted = t.execute("""
                INSERT INTO score_concern (kind, subject_type, subject_id, period, score, raised_at)
                VALUES ('LEADER_CALLS_UNANSWERED', 'UNIT', ?, ?, ?, ?::timestamptz) ON CONFLICT DO NOTHING
                """, d.unitId(), key, percent, now.atOffset(ZoneOffset.UTC));
        if (inserted == 0) {
            return null;
        }
        // The percentage as figures (a point for the decimals); the bundles word it, the pages write it.
        StoredText detail = StoredText.of(d.calls().notCounted() > 0 ? "concern.detail.LEADER_CALLS_UNANSWERED.hungUp"
                        : "concern.detail.LEADER_CALLS_UNANSWERED", d.calls().answered(), d.calls().counted(),
                percent.toPlainString(), properties.minAnsweredShare().movePointRight(2).stripTrailingZeros()
                        .toPlainString(), label, d.calls().notCounted());
        // The SMS says the week in Vietnamese, as it always has; the pages render the same code in their language.
        ConcernRaised concern = new ConcernRaised(ConcernRaised.Kind.LEADER_CALLS_UNANSWERED, "UNIT", d.unitId(),
                d.unitName(), null, d.unitId(), percent, d.calls().counted(), SmsWords.say(label), label, detail, now);
        events.publishEvent(concern);
        return concern;
    }

    private ZoneId zone() {
        return ZoneId.of(properties.zone());
    }

    static List<Tally.Ring> rings(DSLContext dsl, Instant from, Instant to) {
        return dsl.fetch("""
                SELECT d.call_id, d.admin_unit_id, u.name AS unit_name, d.level, d.person_name, d.phone,
                       d.dial_status, c.test
                FROM leader_dial d
                JOIN hotline_call c ON c.id = d.call_id
                LEFT JOIN admin_unit u ON u.id = d.admin_unit_id
                WHERE d.at >= ?::timestamptz AND d.at < ?::timestamptz
                ORDER BY d.at, d.id
                """, utc(from), utc(to)).map(r -> new Tally.Ring(r.get("call_id", Long.class),
                r.get("admin_unit_id", Long.class), r.get("unit_name", String.class),
                r.get("level", Integer.class), r.get("person_name", String.class), r.get("phone", String.class),
                r.get("dial_status", String.class), r.get("test", Boolean.class)));
    }

    /**
     * Alerts that reached a leader: Twilio took them (SENT, DELIVERED), or the bundle they went in; SIMULATED ones
     * (no Twilio account) reached nobody and are left out. The period is that of the first alert to reach the
     * leader about the incident.
     */
    static List<Tally.Alert> alerts(DSLContext dsl, Instant from, Instant to) {
        return dsl.fetch("""
                SELECT m.incident_id, i.admin_unit_id, u.name AS unit_name, coalesce(m.level, 0) AS level,
                       coalesce(max(m.recipient_name), m.to_phone) AS name, m.to_phone,
                       min(coalesce(m.sent_at, b.sent_at)) AS first_sent, i.acknowledged_by, i.acknowledged_at
                FROM sms_message m
                JOIN incident i ON i.id = m.incident_id
                LEFT JOIN sms_message b ON b.id = m.bundled_into
                LEFT JOIN admin_unit u ON u.id = i.admin_unit_id
                WHERE m.purpose = 'ALERT'
                  AND (m.state IN ('SENT', 'DELIVERED') OR b.state IN ('SENT', 'DELIVERED'))
                GROUP BY m.incident_id, i.admin_unit_id, u.name, m.level, m.to_phone, i.acknowledged_by,
                         i.acknowledged_at
                HAVING min(coalesce(m.sent_at, b.sent_at)) >= ?::timestamptz
                   AND min(coalesce(m.sent_at, b.sent_at)) < ?::timestamptz
                ORDER BY first_sent
                """, utc(from), utc(to)).map(r -> new Tally.Alert(r.get("incident_id", Long.class),
                r.get("admin_unit_id", Long.class), r.get("unit_name", String.class), r.get("level", Integer.class),
                r.get("name", String.class), r.get("to_phone", String.class),
                r.get("first_sent", OffsetDateTime.class).toInstant(), r.get("acknowledged_by", String.class),
                r.get("acknowledged_at", OffsetDateTime.class) == null ? null
                        : r.get("acknowledged_at", OffsetDateTime.class).toInstant()));
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
