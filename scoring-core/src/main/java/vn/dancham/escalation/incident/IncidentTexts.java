package vn.dancham.escalation.incident;

import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.sms.SmsReference;
import vn.dancham.escalation.sms.SmsText;
import vn.dancham.text.Bundle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The Vietnamese SMS texts (their words in {@code vn/dancham/escalation/alerts.properties}), short enough that an
 * alert fits one GSM-7 segment (160 characters) with diacritics stripped (the default): the kind and the code
 * first, then what and where, the reply, a short link ({@code <base>/i/<id>}) and the dispatcher's reference.
 * Nothing that identifies an applicant goes into an SMS: the receipt number and the caller stay on the incident page
 * behind login.
 */
final class IncidentTexts {

    /** The words; shared with the outbox's bundling ({@code escalation/sms/Bundling}). */
    private static final Bundle WORDS = Bundle.of("vn.dancham.escalation.alerts");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");

    private final EscalationProperties settings;
    private final String linkBase;

    IncidentTexts(EscalationProperties settings, String linkBase) {
        this.settings = settings;
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }

    static String label(Severity s) {
        return WORDS.text("severity." + s.name());
    }

    /** "14:05" today, "14:05 21/11" another day (in the configured zone). */
    String time(Instant at, Instant now) {
        ZonedDateTime t = at.atZone(settings.zone());
        LocalDate today = now.atZone(settings.zone()).toLocalDate();
        return t.toLocalDate().equals(today) ? TIME.format(t) : DAY_TIME.format(t);
    }

    /** A printed receipt number: 2026001234 → 2026-001234 when it starts with a year. */
    static String receipt(String digits) {
        if (digits != null && digits.length() >= 8 && digits.startsWith("20")) {
            return digits.substring(0, 4) + "-" + digits.substring(4);
        }
        return digits;
    }

    /**
     * What a harassment alert says: where, the officer, when. It goes out by SMS in plain text, so nothing points at
     * the applicant (the receipt number, the caller's number), who is probably the very person reporting: both stay
     * in the incident's facts, behind login.
     */
    String harassmentSummary(String where, String officerName, Instant reportedAt, Instant now) {
        String officer = officerName != null ? WORDS.text("summary.harassment.officer", officerName) : "";
        return WORDS.text("summary.harassment", where, officer, time(reportedAt, now));
    }

    /** A missed call to the leader on duty; the caller's (masked) number stays in the facts. */
    String missedCallSummary(String reason, String where, Instant at, Instant now) {
        return WORDS.text("summary.missedCall", reason, where, time(at, now));
    }

    /** The lowest attitude rating; {@code in} is ", <office>" or empty. */
    String attitudeSummary(String subjectName, String in, Instant at, Instant now) {
        return WORDS.text("summary.attitude", subjectName, in, time(at, now));
    }

    /** The short link to an incident (the web redirects {@code /i/<id>} to the incident page, behind login). */
    String incidentLink(long incidentId) {
        return linkBase + "/i/" + incidentId;
    }

    /** The full alert SMS and its one-line form for bundles. */
    record Alert(String body, String line) {
    }

    Alert alert(IncidentSummary i, boolean escalated) {
        // The summary is the part shortened to fit; the kind, the code to reply with and the link never are.
        Object[] args = {label(i.severity()), i.code(), null, incidentLink(i.id())};
        Bundle.Around text = escalated ? WORDS.around("alert.escalated", 2, args) : WORDS.around("alert", 2, args);
        SmsText sms = SmsText.fit(text.head(), i.summary(), text.tail(), settings.maxSegments(),
                settings.stripDiacritics(), SmsReference.MAX_STAMP_LENGTH);
        return new Alert(sms.body(), WORDS.text("alert.line", label(i.severity()), i.code(), shortLine(i.summary())));
    }

    /** Short enough that several fit one bundled SMS; cut between words, never inside one. */
    static String shortLine(String summary) {
        return SmsText.cutAtWord(summary, 56, "…");
    }

    /** Tells a leader already texted that an alert was withdrawn because its evidence was held out. */
    String withdrawal(String code) {
        return strip(WORDS.text("withdrawal", code));
    }

    String acknowledged(IncidentSummary i) {
        return strip(WORDS.text("reply.acknowledged", i.code(), incidentLink(i.id())));
    }

    String alreadyAcknowledged(IncidentSummary i, Instant now) {
        return strip(i.acknowledgedAt() != null
                ? WORDS.text("reply.alreadyAcknowledgedAt", i.code(), time(i.acknowledgedAt(), now))
                : WORDS.text("reply.alreadyAcknowledged", i.code()));
    }

    /** A message that is not an acknowledgement at all. */
    String help() {
        return strip(WORDS.text("reply.help"));
    }

    /** "OK 1234" with a code that no open incident sent to this phone has. */
    String unknownCode(String code) {
        return strip(WORDS.text("reply.unknownCode", code));
    }

    /** A bare "OK" when nothing waits for this phone. */
    String nothingOpen() {
        return strip(WORDS.text("reply.nothingOpen"));
    }

    String which(java.util.List<String> codes) {
        return strip(WORDS.text("reply.which", codes.size(), String.join(", ", codes)));
    }

    String digest(LocalDate day, java.util.List<String> lines) {
        Bundle.Around text = WORDS.around("digest", 2, DAY.format(day), lines.size(), null, linkBase);
        return SmsText.fit(text.head(), String.join("; ", lines), text.tail(), settings.bundleMaxSegments(),
                settings.stripDiacritics(), SmsReference.MAX_STAMP_LENGTH).body();
    }

    private String strip(String s) {
        return settings.stripDiacritics() ? SmsText.stripDiacritics(s) : s;
    }
}
