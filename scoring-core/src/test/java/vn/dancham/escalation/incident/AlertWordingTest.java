package vn.dancham.escalation.incident;

import org.junit.jupiter.api.Test;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text {@link IncidentTexts} composes, pinned word for word with both settings (the words live in
 * {@code alerts.properties}; moving them there must not change one byte a leader's phone receives).
 */
class AlertWordingTest {

    static Map<String, String> all(EscalationProperties settings) {
        IncidentTexts t = new IncidentTexts(settings, "https://dancham.quangtri.gov.vn/");
        Instant at = TemplateSamples.AT;
        Instant nextDay = at.plusSeconds(86_400);
        Map<String, String> m = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            m.put("label." + s, IncidentTexts.label(s));
        }
        m.put("time.today", t.time(at, at));
        m.put("time.otherDay", t.time(at, nextDay));
        m.put("harassment", t.harassmentSummary(TemplateSamples.OFFICE, TemplateSamples.OFFICER, at, at));
        m.put("harassment.noOfficer", t.harassmentSummary("xã Gio Mỹ", null, at, nextDay));
        m.put("missedCall", t.missedCallSummary("không nghe máy", "xã Gio Mỹ", at, at));
        m.put("attitude", t.attitudeSummary(TemplateSamples.OFFICER, ", xã Gio Mỹ", at, at));
        m.put("attitude.noOffice", t.attitudeSummary(TemplateSamples.OFFICER, "", at, nextDay));
        IncidentSummary shortOne = TemplateSamples.incident(Severity.LOW, IncidentState.NOTIFIED,
                "đánh giá thái độ 1/5 cho Lê Văn Đức, 14:05");
        IncidentSummary longOne = TemplateSamples.incident(Severity.URGENT, IncidentState.NOTIFIED,
                t.harassmentSummary(TemplateSamples.OFFICE, TemplateSamples.OFFICER, at, at));
        IncidentSummary warning = TemplateSamples.incident(Severity.WARNING, IncidentState.NOTIFIED, "điểm thấp");
        for (var e : Map.of("short", shortOne, "long", longOne, "warning", warning).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            for (boolean escalated : new boolean[]{false, true}) {
                IncidentTexts.Alert a = t.alert(e.getValue(), escalated);
                m.put("alert." + e.getKey() + "." + escalated + ".body", a.body());
                m.put("alert." + e.getKey() + "." + escalated + ".line", a.line());
            }
        }
        m.put("withdrawal", t.withdrawal("4821"));
        m.put("acknowledged", t.acknowledged(shortOne));
        IncidentSummary acked = TemplateSamples.incident(Severity.URGENT, IncidentState.ACKNOWLEDGED, "x");
        m.put("alreadyAcknowledged", t.alreadyAcknowledged(acked, at));
        m.put("alreadyAcknowledged.otherDay", t.alreadyAcknowledged(acked, nextDay));
        m.put("alreadyAcknowledged.noTime", t.alreadyAcknowledged(shortOne, at));
        m.put("help", t.help());
        m.put("unknownCode", t.unknownCode("1234"));
        m.put("nothingOpen", t.nothingOpen());
        m.put("which", t.which(List.of("4821", "1234", "0007")));
        m.put("digest", t.digest(LocalDate.of(2026, 11, 23), List.of("điểm thấp Lê Văn Đức 49/100 (n=42)",
                "điểm giảm mạnh xã Gio Mỹ 61/100 (n=230, 2026-10)")));
        m.put("digest.long", t.digest(LocalDate.of(2026, 1, 3), java.util.Collections.nCopies(12,
                "điểm thấp " + TemplateSamples.OFFICER + ", " + TemplateSamples.OFFICE + " 49/100 (n=42, 30 ngày)")));
        return m;
    }

    static EscalationProperties diacriticsKept() {
        EscalationProperties d = EscalationProperties.defaults();
        return new EscalationProperties(d.schedulerEnabled(), d.zone(), d.linkBaseUrl(),
                d.tickInterval(), d.dispatchInterval(), d.digestHour(), d.missedCallSeverity(), 3, false,
                d.minIntervalPerRecipient(), d.maxPerRecipientPerHour(), d.sendingLease(), d.maxAttempts(),
                d.backoffBase(), d.backoffMax(), d.batchSize(), d.bundleMaxSegments(), d.smsReplies(), d.stopDrain());
    }

    /** What every alert SMS and reply says today, diacritics stripped (the default) and one segment. */
    static final Map<String, String> STRIPPED = Map.ofEntries(
            Map.entry("label.URGENT", "KHẨN"),
            Map.entry("label.WARNING", "CẢNH BÁO"),
            Map.entry("label.LOW", "LƯU Ý"),
            Map.entry("time.today", "14:05"),
            Map.entry("time.otherDay", "14:05 22/11"),
            Map.entry("harassment", "phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng Hóa, CB Nguyễn Thị Phương Thảo, 14:05"),
            Map.entry("harassment.noOfficer", "phản ánh vòi vĩnh tại xã Gio Mỹ, 14:05 22/11"),
            Map.entry("missedCall", "cuộc gọi lãnh đạo trực bị nhỡ (không nghe máy) tại xã Gio Mỹ, 14:05"),
            Map.entry("attitude", "đánh giá thái độ 1/5 cho Nguyễn Thị Phương Thảo, xã Gio Mỹ, 14:05"),
            Map.entry("attitude.noOffice", "đánh giá thái độ 1/5 cho Nguyễn Thị Phương Thảo, 14:05 22/11"),
            Map.entry("alert.long.false.body", "[Dan Cham] KHAN 4821: phan anh voi vinh tai Bo phan Mot cua UBND huyen Huong Hoa... Tra loi OK 4821 de nhan. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.long.false.line", "KHẨN 4821: phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng…"),
            Map.entry("alert.long.true.body", "[Dan Cham] KHAN 4821 (chua ai nhan): phan anh voi vinh tai Bo phan Mot cua UBND... Tra loi OK 4821 de nhan. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.long.true.line", "KHẨN 4821: phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng…"),
            Map.entry("alert.short.false.body", "[Dan Cham] LUU Y 4821: danh gia thai do 1/5 cho Le Van Duc, 14:05. Tra loi OK 4821 de nhan. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.short.false.line", "LƯU Ý 4821: đánh giá thái độ 1/5 cho Lê Văn Đức, 14:05"),
            Map.entry("alert.short.true.body", "[Dan Cham] LUU Y 4821 (chua ai nhan): danh gia thai do 1/5 cho Le Van Duc, 14:05. Tra loi OK 4821 de nhan. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.short.true.line", "LƯU Ý 4821: đánh giá thái độ 1/5 cho Lê Văn Đức, 14:05"),
            Map.entry("alert.warning.false.body", "[Dan Cham] CANH BAO 4821: diem thap. Tra loi OK 4821 de nhan. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.warning.false.line", "CẢNH BÁO 4821: điểm thấp"),
            Map.entry("alert.warning.true.body", "[Dan Cham] CANH BAO 4821 (chua ai nhan): diem thap. Tra loi OK 4821 de nhan. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.warning.true.line", "CẢNH BÁO 4821: điểm thấp"),
            Map.entry("withdrawal", "[Dan Cham] Rut canh bao 4821: danh gia gay canh bao dang bi tam giu de kiem tra (nghi bi loi dung). Khong can xu ly."),
            Map.entry("acknowledged", "[Dan Cham] Da ghi nhan anh/chi nhan xu ly viec 4821. Cam on. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alreadyAcknowledged", "[Dan Cham] Viec 4821 da duoc nhan xu ly luc 14:05."),
            Map.entry("alreadyAcknowledged.otherDay", "[Dan Cham] Viec 4821 da duoc nhan xu ly luc 14:05 22/11."),
            Map.entry("alreadyAcknowledged.noTime", "[Dan Cham] Viec 4821 da duoc nhan xu ly."),
            Map.entry("help", "[Dan Cham] Tin nhan chua dung cu phap. De nhan xu ly mot viec, tra loi OK va ma 4 so ghi trong tin bao, vi du: OK 4821."),
            Map.entry("unknownCode", "[Dan Cham] Khong co viec dang cho voi ma 1234 gui toi so nay. Kiem tra ma trong tin bao roi tra loi OK <ma 4 so>."),
            Map.entry("nothingOpen", "[Dan Cham] Hien khong co viec nao dang cho anh/chi nhan xu ly."),
            Map.entry("which", "[Dan Cham] Anh/chi co 3 viec dang cho: 4821, 1234, 0007. Tra loi OK <ma> cho tung viec."),
            Map.entry("digest", "[Dan Cham] Tong hop 23/11: 2 luu y. diem thap Le Van Duc 49/100 (n=42); diem giam manh xa Gio My 61/100 (n=230, 2026-10) Xem: https://dancham.quangtri.gov.vn/incidents"),
            Map.entry("digest.long", "[Dan Cham] Tong hop 03/01: 12 luu y. diem thap Nguyen Thi Phuong Thao, Bo phan Mot cua UBND huyen Huong Hoa 49/100 (n=42, 30 ngay); diem thap Nguyen Thi Phuong Thao, Bo phan Mot cua UBND huyen Huong Hoa 49/100 (n=42, 30 ngay); diem thap Nguyen Thi Phuong Thao, Bo phan Mot cua UBND huyen Huong Hoa 49/100 (n=42, 30 ngay); diem thap Nguyen Thi Phuong Thao, Bo phan Mot cua UBND huyen Huong Hoa 49/100... Xem: https://dancham.quangtri.gov.vn/incidents"));

    /** The same with diacritics kept and three segments allowed. */
    static final Map<String, String> KEPT = Map.ofEntries(
            Map.entry("label.URGENT", "KHẨN"),
            Map.entry("label.WARNING", "CẢNH BÁO"),
            Map.entry("label.LOW", "LƯU Ý"),
            Map.entry("time.today", "14:05"),
            Map.entry("time.otherDay", "14:05 22/11"),
            Map.entry("harassment", "phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng Hóa, CB Nguyễn Thị Phương Thảo, 14:05"),
            Map.entry("harassment.noOfficer", "phản ánh vòi vĩnh tại xã Gio Mỹ, 14:05 22/11"),
            Map.entry("missedCall", "cuộc gọi lãnh đạo trực bị nhỡ (không nghe máy) tại xã Gio Mỹ, 14:05"),
            Map.entry("attitude", "đánh giá thái độ 1/5 cho Nguyễn Thị Phương Thảo, xã Gio Mỹ, 14:05"),
            Map.entry("attitude.noOffice", "đánh giá thái độ 1/5 cho Nguyễn Thị Phương Thảo, 14:05 22/11"),
            Map.entry("alert.long.false.body", "[Dân Chấm] KHẨN 4821: phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng Hóa, CB Nguyễn Thị Phương Thảo, 14:05. Trả lời OK 4821 để nhận. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.long.false.line", "KHẨN 4821: phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng…"),
            Map.entry("alert.long.true.body", "[Dân Chấm] KHẨN 4821 (chưa ai nhận): phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng Hóa, CB Nguyễn Thị Phương Thảo, 14:05 Trả lời OK 4821 để nhận. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.long.true.line", "KHẨN 4821: phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng…"),
            Map.entry("alert.short.false.body", "[Dân Chấm] LƯU Ý 4821: đánh giá thái độ 1/5 cho Lê Văn Đức, 14:05. Trả lời OK 4821 để nhận. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.short.false.line", "LƯU Ý 4821: đánh giá thái độ 1/5 cho Lê Văn Đức, 14:05"),
            Map.entry("alert.short.true.body", "[Dân Chấm] LƯU Ý 4821 (chưa ai nhận): đánh giá thái độ 1/5 cho Lê Văn Đức, 14:05. Trả lời OK 4821 để nhận. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.short.true.line", "LƯU Ý 4821: đánh giá thái độ 1/5 cho Lê Văn Đức, 14:05"),
            Map.entry("alert.warning.false.body", "[Dân Chấm] CẢNH BÁO 4821: điểm thấp. Trả lời OK 4821 để nhận. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.warning.false.line", "CẢNH BÁO 4821: điểm thấp"),
            Map.entry("alert.warning.true.body", "[Dân Chấm] CẢNH BÁO 4821 (chưa ai nhận): điểm thấp. Trả lời OK 4821 để nhận. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alert.warning.true.line", "CẢNH BÁO 4821: điểm thấp"),
            Map.entry("withdrawal", "[Dân Chấm] Rút cảnh báo 4821: đánh giá gây cảnh báo đang bị tạm giữ để kiểm tra (nghi bị lợi dụng). Không cần xử lý."),
            Map.entry("acknowledged", "[Dân Chấm] Đã ghi nhận anh/chị nhận xử lý việc 4821. Cảm ơn. https://dancham.quangtri.gov.vn/i/12345"),
            Map.entry("alreadyAcknowledged", "[Dân Chấm] Việc 4821 đã được nhận xử lý lúc 14:05."),
            Map.entry("alreadyAcknowledged.otherDay", "[Dân Chấm] Việc 4821 đã được nhận xử lý lúc 14:05 22/11."),
            Map.entry("alreadyAcknowledged.noTime", "[Dân Chấm] Việc 4821 đã được nhận xử lý."),
            Map.entry("help", "[Dân Chấm] Tin nhắn chưa đúng cú pháp. Để nhận xử lý một việc, trả lời OK và mã 4 số ghi trong tin báo, ví dụ: OK 4821."),
            Map.entry("unknownCode", "[Dân Chấm] Không có việc đang chờ với mã 1234 gửi tới số này. Kiểm tra mã trong tin báo rồi trả lời OK <mã 4 số>."),
            Map.entry("nothingOpen", "[Dân Chấm] Hiện không có việc nào đang chờ anh/chị nhận xử lý."),
            Map.entry("which", "[Dân Chấm] Anh/chị có 3 việc đang chờ: 4821, 1234, 0007. Trả lời OK <mã> cho từng việc."),
            Map.entry("digest", "[Dân Chấm] Tổng hợp 23/11: 2 lưu ý. điểm thấp Lê Văn Đức 49/100 (n=42); điểm giảm mạnh xã Gio Mỹ 61/100 (n=230, 2026-10) Xem: https://dancham.quangtri.gov.vn/incidents"),
            Map.entry("digest.long", "[Dân Chấm] Tổng hợp 03/01: 12 lưu ý. điểm thấp Nguyễn Thị Phương Thảo, Bộ phận Một cửa UBND huyện Hướng Hóa 49/100 (n=42, 30 ngày); điểm thấp… Xem: https://dancham.quangtri.gov.vn/incidents"));

    @Test
    void theAlertTextsAreWordForWordWhatLeadersReceive() {
        assertThat(all(EscalationProperties.defaults())).containsExactlyInAnyOrderEntriesOf(STRIPPED);
    }

    @Test
    void withDiacriticsKeptTheWordsAreTheSame() {
        assertThat(all(diacriticsKept())).containsExactlyInAnyOrderEntriesOf(KEPT);
    }
}
