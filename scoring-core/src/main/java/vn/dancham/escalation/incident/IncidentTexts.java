package vn.dancham.escalation.incident;

import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.sms.SmsReference;
import vn.dancham.escalation.sms.SmsText;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The Vietnamese SMS texts, short enough that an alert fits one GSM-7 segment (160 characters) with diacritics
 * stripped (the default): the kind and the code first, then what and where, the reply, a short link
 * ({@code <base>/i/<id>}) and the dispatcher's reference. Nothing that identifies an applicant goes into an SMS:
 * the receipt number and the caller stay on the incident page behind login.
 */
final class IncidentTexts {

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
        return switch (s) {
            case URGENT -> "KHẨN";
            case WARNING -> "CẢNH BÁO";
            case LOW -> "LƯU Ý";
        };
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
        return "phản ánh vòi vĩnh tại " + where + (officerName != null ? ", CB " + officerName : "") + ", "
                + time(reportedAt, now);
    }

    /** A missed call to the leader on duty; the caller's (masked) number stays in the facts. */
    String missedCallSummary(String reason, String where, Instant at, Instant now) {
        return "cuộc gọi lãnh đạo trực bị nhỡ (" + reason + ") tại " + where + ", " + time(at, now);
    }

    /** The lowest attitude rating; {@code in} is ", <office>" or empty. */
    String attitudeSummary(String subjectName, String in, Instant at, Instant now) {
        return "đánh giá thái độ 1/5 cho " + subjectName + in + ", " + time(at, now);
    }

    /** The short link to an incident (the web redirects {@code /i/<id>} to the incident page, behind login). */
    String incidentLink(long incidentId) {
        return linkBase + "/i/" + incidentId;
    }

    /** The full alert SMS and its one-line form for bundles. */
    record Alert(String body, String line) {
    }

    Alert alert(IncidentSummary i, boolean escalated) {
        String head = "[Dân Chấm] " + label(i.severity()) + " " + i.code() + (escalated ? " (chưa ai nhận)" : "")
                + ": ";
        String tail = ". Trả lời OK " + i.code() + " để nhận. " + incidentLink(i.id());
        SmsText text = SmsText.fit(head, i.summary(), tail, settings.maxSegments(), settings.stripDiacritics(),
                SmsReference.MAX_STAMP_LENGTH);
        return new Alert(text.body(), label(i.severity()) + " " + i.code() + ": " + shortLine(i.summary()));
    }

    /** Short enough that several fit one bundled SMS; cut between words, never inside one. */
    static String shortLine(String summary) {
        return SmsText.cutAtWord(summary, 56, "…");
    }

    /** Tells a leader already texted that an alert was withdrawn because its evidence was held out. */
    String withdrawal(String code) {
        return strip("[Dân Chấm] Rút cảnh báo " + code + ": đánh giá gây cảnh báo đang bị tạm giữ để kiểm tra "
                + "(nghi bị lợi dụng). Không cần xử lý.");
    }

    /** The eligibility rule that held an answer, as the incident timeline says it. */
    static String heldRule(String rule) {
        return switch (rule == null ? "" : rule) {
            case "BURST" -> "một số máy chấm nhiều hồ sơ trong thời gian ngắn";
            case "LOW_CLUSTER" -> "nhiều đánh giá thấp liền nhau từ người gọi không phải người nộp hồ sơ";
            case "DAILY_CAP" -> "vượt số đánh giá trong ngày của một số máy";
            case "DOSSIER_CALLERS" -> "hồ sơ đã đủ số người gọi không xác minh";
            case "CALLER_OFFICER" -> "một số máy chấm nhiều hồ sơ của cùng cán bộ";
            case "OFFICER_ANONYMOUS" -> "cán bộ đã đủ số đánh giá không xác minh trong tháng";
            case "ANONYMOUS_LOW" -> "đánh giá thấp từ người gọi không xác minh, chờ xem xét";
            default -> "quy tắc chống gian lận";
        };
    }

    String acknowledged(IncidentSummary i) {
        return strip("[Dân Chấm] Đã ghi nhận anh/chị nhận xử lý việc " + i.code() + ". Cảm ơn. "
                + incidentLink(i.id()));
    }

    String alreadyAcknowledged(IncidentSummary i, Instant now) {
        return strip("[Dân Chấm] Việc " + i.code() + " đã được nhận xử lý"
                + (i.acknowledgedAt() != null ? " lúc " + time(i.acknowledgedAt(), now) : "") + ".");
    }

    /** A message that is not an acknowledgement at all. */
    String help() {
        return strip("[Dân Chấm] Tin nhắn chưa đúng cú pháp. Để nhận xử lý một việc, trả lời OK và mã 4 số "
                + "ghi trong tin báo, ví dụ: OK 4821.");
    }

    /** "OK 1234" with a code that no open incident sent to this phone has. */
    String unknownCode(String code) {
        return strip("[Dân Chấm] Không có việc đang chờ với mã " + code + " gửi tới số này. Kiểm tra mã trong "
                + "tin báo rồi trả lời OK <mã 4 số>.");
    }

    /** A bare "OK" when nothing waits for this phone. */
    String nothingOpen() {
        return strip("[Dân Chấm] Hiện không có việc nào đang chờ anh/chị nhận xử lý.");
    }

    String which(java.util.List<String> codes) {
        return strip("[Dân Chấm] Anh/chị có " + codes.size() + " việc đang chờ: " + String.join(", ", codes)
                + ". Trả lời OK <mã> cho từng việc.");
    }

    String digest(LocalDate day, java.util.List<String> lines) {
        String head = "[Dân Chấm] Tổng hợp " + DAY.format(day) + ": " + lines.size() + " lưu ý. ";
        String tail = " Xem: " + linkBase + "/incidents";
        return SmsText.fit(head, String.join("; ", lines), tail, settings.bundleMaxSegments(),
                settings.stripDiacritics(), SmsReference.MAX_STAMP_LENGTH).body();
    }

    private String strip(String s) {
        return settings.stripDiacritics() ? SmsText.stripDiacritics(s) : s;
    }
}
