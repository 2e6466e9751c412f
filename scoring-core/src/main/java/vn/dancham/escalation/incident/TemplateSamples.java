package vn.dancham.escalation.incident;

import vn.dancham.escalation.AlertTemplates;
import vn.dancham.escalation.IncidentKind;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.sms.SmsReference;
import vn.dancham.escalation.sms.SmsText;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The templates with a long office name, a long officer name, a five-digit incident id and a four-character
 * reference (what a site sees after its first months), through the real {@link IncidentTexts}.
 */
final class TemplateSamples implements AlertTemplates {

    static final Instant AT = Instant.parse("2026-11-22T07:05:00Z");
    static final String OFFICE = "Bộ phận Một cửa UBND huyện Hướng Hóa";
    static final String OFFICER = "Nguyễn Thị Phương Thảo";
    /** The outbox row whose reference the samples carry (" #1AAO"). */
    static final long ROW = 60_000;

    private final IncidentTexts texts;

    TemplateSamples(IncidentTexts texts) {
        this.texts = texts;
    }

    static IncidentSummary incident(Severity severity, IncidentState state, String summary) {
        return new IncidentSummary(12_345, "4821", IncidentKind.HARASSMENT_REPORT, severity, state, "OFFICER", 1, 1L,
                1, "", summary, 1, 0, 1, AT, AT, null, state == IncidentState.ACKNOWLEDGED ? AT : null, null, null,
                null, null, null);
    }

    @Override
    public List<Sample> samples() {
        String harassment = texts.harassmentSummary(OFFICE, OFFICER, AT, AT);
        String missed = texts.missedCallSummary("không nghe máy", OFFICE, AT, AT);
        String attitude = texts.attitudeSummary(OFFICER, ", " + OFFICE, AT, AT);
        IncidentSummary urgent = incident(Severity.URGENT, IncidentState.NOTIFIED, harassment);
        List<Sample> s = new ArrayList<>();
        sent(s, "HARASSMENT", texts.alert(urgent, false).body());
        sent(s, "HARASSMENT_ESCALATED", texts.alert(urgent, true).body());
        sent(s, "MISSED_CALL", texts.alert(incident(Severity.URGENT, IncidentState.NOTIFIED, missed), false)
                .body());
        sent(s, "MISSED_CALL_ESCALATED", texts.alert(incident(Severity.URGENT, IncidentState.NOTIFIED,
                missed), true).body());
        IncidentSummary warning = incident(Severity.WARNING, IncidentState.NOTIFIED, attitude);
        sent(s, "LOWEST_ATTITUDE", texts.alert(warning, false).body());
        sent(s, "LOWEST_ATTITUDE_ESCALATED", texts.alert(warning, true).body());
        sent(s, "DAILY_DIGEST", texts.digest(LocalDate.of(2026, 11, 23), List.of(
                "điểm thấp " + OFFICER + ", " + OFFICE + " 49/100 (n=42, 30 ngày)",
                "điểm giảm mạnh " + OFFICE + " 61/100 (n=230, 2026-10)")));
        sent(s, "WITHDRAWAL", texts.withdrawal("4821"));
        reply(s, "REPLY_ACKNOWLEDGED", texts.acknowledged(urgent));
        reply(s, "REPLY_ALREADY_ACKNOWLEDGED", texts.alreadyAcknowledged(
                incident(Severity.URGENT, IncidentState.ACKNOWLEDGED, harassment), AT));
        reply(s, "REPLY_HELP", texts.help());
        reply(s, "REPLY_UNKNOWN_CODE", texts.unknownCode("1234"));
        reply(s, "REPLY_NOTHING_OPEN", texts.nothingOpen());
        reply(s, "REPLY_WHICH", texts.which(List.of("4821", "1234")));
        return s;
    }

    /** Through the outbox: stamped with the reference. */
    private static void sent(List<Sample> s, String name, String body) {
        reply(s, name, SmsReference.stamp(body, ROW));
    }

    /** A TwiML reply: sent as written. */
    private static void reply(List<Sample> s, String name, String body) {
        SmsText t = SmsText.of(body);
        s.add(new Sample(name, body, t.encoding().name(), t.segments()));
    }
}
