package vn.dancham.escalation.incident;

import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.sms.SmsText;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The Vietnamese SMS texts. The alert names what, where, the key numbers, the code to reply with and the link. */
final class IncidentTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");

    private final EscalationProperties settings;

    IncidentTexts(EscalationProperties settings) {
        this.settings = settings;
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

    /** The full alert SMS and its one-line form for bundles. */
    record Alert(String body, String line) {
    }

    Alert alert(IncidentSummary i, boolean escalated) {
        String head = "[Dân Chấm] " + label(i.severity()) + (escalated ? " (chưa ai nhận)" : "") + ": ";
        String tail = ". Trả lời \"OK " + i.code() + "\" để nhận xử lý. " + settings.incidentLink(i.id());
        SmsText text = SmsText.fit(head, i.summary(), tail, settings.maxSegments(), settings.stripDiacritics());
        return new Alert(text.body(), label(i.severity()) + " " + i.code() + ": " + shortLine(i.summary()));
    }

    /** Short enough that two or three fit one bundled SMS of three UCS-2 segments. */
    private static String shortLine(String summary) {
        return summary.length() <= 56 ? summary : summary.substring(0, 55).stripTrailing() + "…";
    }

    /** Tells a leader already texted that an alert was withdrawn because its evidence was held out. */
    String withdrawal(String code) {
        String s = "[Dân Chấm] Rút cảnh báo " + code + ": đánh giá gây cảnh báo đang bị tạm giữ để kiểm tra "
                + "(nghi bị lợi dụng). Không cần xử lý.";
        return settings.stripDiacritics() ? SmsText.stripDiacritics(s) : s;
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
        String s = "[Dân Chấm] Đã ghi nhận anh/chị nhận xử lý việc " + i.code() + ". Cảm ơn. "
                + settings.incidentLink(i.id());
        return settings.stripDiacritics() ? SmsText.stripDiacritics(s) : s;
    }

    String alreadyAcknowledged(IncidentSummary i, Instant now) {
        String s = "[Dân Chấm] Việc " + i.code() + " đã được nhận xử lý"
                + (i.acknowledgedAt() != null ? " lúc " + time(i.acknowledgedAt(), now) : "") + ".";
        return settings.stripDiacritics() ? SmsText.stripDiacritics(s) : s;
    }

    String help() {
        String s = "[Dân Chấm] Không tìm thấy việc đang chờ với mã này cho số của anh/chị. "
                + "Trả lời \"OK <mã 4 số>\" ghi trong tin báo để nhận xử lý.";
        return settings.stripDiacritics() ? SmsText.stripDiacritics(s) : s;
    }

    String which(java.util.List<String> codes) {
        String s = "[Dân Chấm] Anh/chị có " + codes.size() + " việc đang chờ: " + String.join(", ", codes)
                + ". Trả lời \"OK <mã>\" cho từng việc.";
        return settings.stripDiacritics() ? SmsText.stripDiacritics(s) : s;
    }

    String digest(LocalDate day, java.util.List<String> lines) {
        String head = "[Dân Chấm] Tổng hợp " + DAY.format(day) + ": " + lines.size() + " lưu ý. ";
        String tail = " Xem: " + settings.linkBaseUrl() + "/incidents";
        return SmsText.fit(head, String.join("; ", lines), tail, settings.maxSegments(),
                settings.stripDiacritics()).body();
    }
}
