package vn.dancham.escalation.incident;

import org.jooq.DSLContext;
import vn.dancham.escalation.DutyContact;
import vn.dancham.escalation.DutyRoster;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.sms.Outbox;

import vn.dancham.text.StoredText;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static vn.dancham.db.jooq.Tables.INCIDENT;

/**
 * The daily digest of LOW concerns: one SMS per person on duty at the lowest level for each incident's office or
 * unit, listing them all; the incidents become NOTIFIED. Idempotent per day and phone, so a digest job that runs
 * twice (misfire recovery on another node) writes one SMS.
 */
final class DailyDigest {

    private final DSLContext dsl;
    private final IncidentStore store;
    private final DutyRoster roster;
    private final Outbox outbox;
    private final IncidentTexts texts;
    private final Clock clock;
    private final java.time.ZoneId zone;

    DailyDigest(DSLContext dsl, IncidentStore store, DutyRoster roster, Outbox outbox, IncidentTexts texts,
                Clock clock, java.time.ZoneId zone) {
        this.dsl = dsl;
        this.store = store;
        this.roster = roster;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
        this.zone = zone;
    }

    /** Returns how many digest SMS were written. */
    int run() {
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            Instant now = clock.instant();
            LocalDate day = now.atZone(zone).toLocalDate();
            List<IncidentSummary> low = t.selectFrom(INCIDENT)
                    .where(INCIDENT.SEVERITY.eq(Severity.LOW.name())).and(INCIDENT.STATE.eq("OPEN"))
                    .orderBy(INCIDENT.OPENED_AT)
                    .forUpdate().skipLocked()
                    .fetch(IncidentStore::summary);
            Map<String, List<IncidentSummary>> byPhone = new LinkedHashMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            for (IncidentSummary i : low) {
                List<DutyContact> onDuty = i.officeId() != null ? roster.onDuty(i.officeId(), now)
                        : roster.onDutyForUnit(i.adminUnitId(), now);
                if (onDuty.isEmpty()) {
                    store.event(t, i.id(), now, "NO_ONE_ON_DUTY", null,
                            StoredText.of("incident.event.NO_ONE_ON_DUTY.digest"));
                    continue;
                }
                int lowest = onDuty.getFirst().level();
                for (DutyContact c : onDuty.stream().filter(c -> c.level() == lowest).toList()) {
                    String phone = vn.dancham.phone.PhoneNumbers.toE164(c.phone()).orElse(c.phone());
                    byPhone.computeIfAbsent(phone, p -> new ArrayList<>()).add(i);
                    names.putIfAbsent(phone, c.personName());
                }
            }
            int written = 0;
            for (var e : byPhone.entrySet()) {
                String body = texts.digest(day, e.getValue().stream().map(IncidentSummary::summary).toList());
                if (outbox.enqueue(t, new Outbox.Message(null, e.getKey(), names.get(e.getKey()), null, null,
                        "DIGEST", body, null, "digest:" + day + ":" + e.getKey()), now)) {
                    written++;
                }
                for (IncidentSummary i : e.getValue()) {
                    store.progress(t, i.id(), IncidentState.NOTIFIED, 0, 0, null);
                    store.event(t, i.id(), now, "DIGEST_SENT", null, StoredText.of("incident.event.DIGEST_SENT",
                            DateTimeFormatter.ofPattern("dd/MM/yyyy").format(day), names.get(e.getKey())));
                }
            }
            return written;
        });
    }
}
