package vn.dancham.admin.demo;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import vn.dancham.citizen.CitizenSms;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.SmsWebhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static vn.dancham.db.jooq.Tables.CITIZEN_MESSAGE;
import static vn.dancham.db.jooq.Tables.DOSSIER;

/**
 * The citizen SMS of the demo's last days, through the real paths: the sweep at 09:00 and 15:00 of each of the last
 * fourteen days (apologies for dossiers that went late, invitations for those returned), then citizens' replies as
 * Twilio's webhook hands them over — answers in the shapes people type, a status request from the applicant and one
 * from a stranger, an unreadable reply and an opt-out. Without Twilio credentials they stay SIMULATED.
 */
@Component
class DemoCitizenSms {

    /** What a citizen types back, in the shapes ReplyReader accepts (and one it does not). */
    private static final List<String> ANSWERS = List.of("5 4 5", "5,5,5", "4 4 4", "545", "Năm bốn năm", "3 4 4",
            "5 5 4 cam on", "4, 3, 4", "5 5 5", "2 3 3");

    record Summary(int apologies, int invitations, int replies) {
    }

    private final DSLContext dsl;
    private final CitizenSms sms;
    private final SmsWebhooks webhooks;
    private final ZoneId zone;

    DemoCitizenSms(DSLContext dsl, CitizenSms sms, SmsWebhooks webhooks, EscalationProperties escalation) {
        this.dsl = dsl;
        this.sms = sms;
        this.webhooks = webhooks;
        this.zone = escalation.zone();
    }

    Summary load(Instant now, Random random) {
        // The generated history leaves few dossiers that went late in the last days, and none may: the one-stop
        // system reports eight open dossiers of the last weeks as due one to four days ago, so the demo shows
        // apologies (the sweeps below find them as they would live).
        var open = dsl.select(DOSSIER.ID, DOSSIER.RECEIVED_AT).from(DOSSIER).where(DOSSIER.RETURNED_AT.isNull())
                .and(DOSSIER.STATUS.eq("IN_PROGRESS")).and(DOSSIER.DUE_AT.gt(now.atOffset(ZoneOffset.UTC)))
                .and(DOSSIER.RECEIVED_AT.lt(now.minus(Duration.ofDays(6)).atOffset(ZoneOffset.UTC)))
                .orderBy(DOSSIER.ID).limit(8).fetch();
        for (int i = 0; i < open.size(); i++) {
            Instant due = now.minus(Duration.ofDays(1 + i % 4)).minus(Duration.ofHours(2 + i));
            dsl.update(DOSSIER).set(DOSSIER.DUE_AT, due.atOffset(ZoneOffset.UTC))
                    .where(DOSSIER.ID.eq(open.get(i).value1())).execute();
        }
        // Half the late open dossiers have a new date from the one-stop system (phiếu hẹn lại).
        dsl.update(DOSSIER).set(DOSSIER.NEW_DUE_AT, DSL.field("{0} + interval '10 days'", OffsetDateTime.class,
                        DOSSIER.DUE_AT))
                .where(DOSSIER.RETURNED_AT.isNull()).and(DOSSIER.DUE_AT.lt(now.atOffset(ZoneOffset.UTC)))
                .and(DOSSIER.ID.mod(2L).eq(0L)).execute();
        int apologies = 0;
        int invitations = 0;
        LocalDate today = now.atZone(zone).toLocalDate();
        // Two weeks of sweeps: a dossier runs late only now and then, and the demo should show some apologies.
        for (int daysAgo = 14; daysAgo >= 0; daysAgo--) {
            for (int hour : new int[]{9, 15}) {
                Instant at = today.minusDays(daysAgo).atTime(hour, 0).atZone(zone).toInstant();
                if (at.isBefore(now)) {
                    CitizenSms.Sweep s = sms.sweep(at);
                    apologies += s.apologies();
                    invitations += s.invitations();
                }
            }
        }
        var invited = dsl.select(CITIZEN_MESSAGE.PHONE, DOSSIER.RECEIPT_NO).from(CITIZEN_MESSAGE)
                .join(DOSSIER).on(DOSSIER.ID.eq(CITIZEN_MESSAGE.DOSSIER_ID))
                .where(CITIZEN_MESSAGE.KIND.eq("INVITATION")).and(CITIZEN_MESSAGE.DIRECTION.eq("OUT"))
                .orderBy(CITIZEN_MESSAGE.ID).fetch();
        int replies = 0;
        for (int i = 0; i < invited.size(); i++) {
            String phone = invited.get(i).value1();
            String receipt = invited.get(i).value2();
            // About two in five answer; one asks where the dossier was, one cannot be read, one opts out.
            String body = switch (i % 25) {
                case 3 -> "ok";
                case 7 -> "TC";
                case 11 -> "HS " + receipt;
                default -> random.nextInt(100) < 40 ? ANSWERS.get(random.nextInt(ANSWERS.size())) : null;
            };
            if (body != null) {
                inbound(phone, body, replies++);
            }
        }
        // A stranger asks about someone else's dossier: nothing personal goes back.
        var late = dsl.select(DOSSIER.RECEIPT_NO).from(DOSSIER).where(DOSSIER.RETURNED_AT.isNull())
                .and(DOSSIER.DUE_AT.lt(now.atOffset(ZoneOffset.UTC))).orderBy(DOSSIER.ID).limit(1)
                .fetchOne(DOSSIER.RECEIPT_NO);
        if (late != null) {
            inbound("+84977000111", "HS " + late, replies++);
        }
        return new Summary(apologies, invitations, replies);
    }

    private void inbound(String phone, String body, int n) {
        webhooks.inbound(new SmsWebhooks.Inbound("SMdemo%028d".formatted(n), PhoneNumbers.toE164(phone).orElse(phone),
                "+15005550006", body));
    }

}
