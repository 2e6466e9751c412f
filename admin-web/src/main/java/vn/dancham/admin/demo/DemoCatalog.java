package vn.dancham.admin.demo;

import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Office;

import java.util.List;

/** The fixed part of the demo province: Quảng Trị with two districts, its offices and ~20 real procedures. */
final class DemoCatalog {

    private DemoCatalog() {
    }

    record Unit(String code, AdminUnit.Level level, String name, String parentCode) {
    }

    /**
     * @param handles the procedure fields this office processes as a specialist department (empty for one-stops)
     */
    record OfficeSpec(String code, String unitCode, String dialCode, String name, Office.Kind kind,
                      String district, List<String> handles) {
    }

    record Field(String code, String name, int weight) {
    }

    record ProcedureSpec(String code, String fieldCode, String name, int legalDays) {
    }

    static final List<Unit> UNITS = List.of(
            new Unit("QT", AdminUnit.Level.PROVINCE, "Tỉnh Quảng Trị", null),
            new Unit("GL", AdminUnit.Level.DISTRICT, "Huyện Gio Linh", "QT"),
            new Unit("HH", AdminUnit.Level.DISTRICT, "Huyện Hướng Hóa", "QT"),
            new Unit("GL-TTGL", AdminUnit.Level.COMMUNE, "Thị trấn Gio Linh", "GL"),
            new Unit("GL-GM", AdminUnit.Level.COMMUNE, "Xã Gio Mỹ", "GL"),
            new Unit("HH-TTKS", AdminUnit.Level.COMMUNE, "Thị trấn Khe Sanh", "HH"),
            new Unit("HH-TTLB", AdminUnit.Level.COMMUNE, "Thị trấn Lao Bảo", "HH"));

    static final List<OfficeSpec> OFFICES = List.of(
            new OfficeSpec("GL-1C", "GL", "11", "Bộ phận Một cửa huyện Gio Linh", Office.Kind.ONE_STOP, "GL", List.of()),
            new OfficeSpec("GL-TNMT", "GL", "12", "Phòng Tài nguyên và Môi trường huyện Gio Linh",
                    Office.Kind.DEPARTMENT, "GL", List.of("DD")),
            new OfficeSpec("GL-TP", "GL", "13", "Phòng Tư pháp huyện Gio Linh", Office.Kind.DEPARTMENT, "GL",
                    List.of("HT")),
            new OfficeSpec("GL-KTHT", "GL", "14", "Phòng Kinh tế và Hạ tầng huyện Gio Linh", Office.Kind.DEPARTMENT,
                    "GL", List.of("XD", "DKKD")),
            new OfficeSpec("GL-LDTBXH", "GL", "16", "Phòng Lao động - Thương binh và Xã hội huyện Gio Linh",
                    Office.Kind.DEPARTMENT, "GL", List.of("LDTBXH")),
            new OfficeSpec("GLTT-1C", "GL-TTGL", "15", "Bộ phận Một cửa thị trấn Gio Linh", Office.Kind.COMMUNE, "GL",
                    List.of()),
            new OfficeSpec("HH-1C", "HH", "21", "Bộ phận Một cửa huyện Hướng Hóa", Office.Kind.ONE_STOP, "HH", List.of()),
            new OfficeSpec("HH-TNMT", "HH", "22", "Phòng Tài nguyên và Môi trường huyện Hướng Hóa",
                    Office.Kind.DEPARTMENT, "HH", List.of("DD", "XD")),
            new OfficeSpec("HH-LDTBXH", "HH", "23", "Phòng Lao động - Thương binh và Xã hội huyện Hướng Hóa",
                    Office.Kind.DEPARTMENT, "HH", List.of("LDTBXH")),
            new OfficeSpec("HH-TP", "HH", "26", "Phòng Tư pháp huyện Hướng Hóa", Office.Kind.DEPARTMENT, "HH",
                    List.of("HT")),
            new OfficeSpec("HH-TCKH", "HH", "24", "Phòng Tài chính - Kế hoạch huyện Hướng Hóa", Office.Kind.DEPARTMENT,
                    "HH", List.of("DKKD")),
            new OfficeSpec("HHKS-1C", "HH-TTKS", "25", "Bộ phận Một cửa thị trấn Khe Sanh", Office.Kind.COMMUNE, "HH",
                    List.of()));

    static final List<Field> FIELDS = List.of(
            new Field("DD", "Đất đai", 35),
            new Field("HT", "Hộ tịch", 25),
            new Field("DKKD", "Đăng ký kinh doanh", 12),
            new Field("XD", "Xây dựng", 13),
            new Field("LDTBXH", "Lao động - Thương binh và Xã hội", 15));

    static final List<ProcedureSpec> PROCEDURES = List.of(
            new ProcedureSpec("DD-01", "DD", "Đăng ký biến động quyền sử dụng đất", 10),
            new ProcedureSpec("DD-02", "DD", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", 30),
            new ProcedureSpec("DD-03", "DD", "Chuyển mục đích sử dụng đất", 15),
            new ProcedureSpec("DD-04", "DD", "Tách thửa, hợp thửa đất", 15),
            new ProcedureSpec("DD-05", "DD", "Đính chính Giấy chứng nhận đã cấp", 10),
            new ProcedureSpec("HT-01", "HT", "Đăng ký khai sinh", 1),
            new ProcedureSpec("HT-02", "HT", "Đăng ký kết hôn", 3),
            new ProcedureSpec("HT-03", "HT", "Cấp bản sao trích lục hộ tịch", 1),
            new ProcedureSpec("HT-04", "HT", "Đăng ký khai tử", 1),
            new ProcedureSpec("HT-05", "HT", "Xác nhận tình trạng hôn nhân", 3),
            new ProcedureSpec("DKKD-01", "DKKD", "Đăng ký thành lập hộ kinh doanh", 3),
            new ProcedureSpec("DKKD-02", "DKKD", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3),
            new ProcedureSpec("DKKD-03", "DKKD", "Thông báo tạm ngừng kinh doanh", 3),
            new ProcedureSpec("XD-01", "XD", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15),
            new ProcedureSpec("XD-02", "XD", "Cấp giấy phép sửa chữa, cải tạo công trình", 15),
            new ProcedureSpec("XD-03", "XD", "Điều chỉnh giấy phép xây dựng", 10),
            new ProcedureSpec("LDTBXH-01", "LDTBXH", "Giải quyết trợ cấp xã hội hằng tháng", 15),
            new ProcedureSpec("LDTBXH-02", "LDTBXH", "Công nhận hộ nghèo, hộ cận nghèo phát sinh", 7),
            new ProcedureSpec("LDTBXH-03", "LDTBXH", "Hỗ trợ chi phí mai táng", 5),
            new ProcedureSpec("LDTBXH-04", "LDTBXH", "Cấp thẻ bảo hiểm y tế cho người có công", 5));

    static final List<String> FAMILY_NAMES = List.of("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Hà");
    static final List<String> MIDDLE_NAMES_MALE = List.of("Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân");
    static final List<String> MIDDLE_NAMES_FEMALE = List.of("Thị", "Ngọc", "Thanh", "Thu", "Minh", "Diệu");
    static final List<String> GIVEN_NAMES_MALE = List.of("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh",
            "Long", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tuấn", "Thắng", "Việt", "Toàn", "Hiếu");
    static final List<String> GIVEN_NAMES_FEMALE = List.of("Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
            "Tâm", "Thảo", "Trang", "Vy", "Yến", "Nhung", "Phương", "Hằng");

    /** Demo logins, one per role; the README lists them. */
    /**
     * @param unitCode    the district a leader answers for (null: the whole province)
     * @param officerCode the officer an OFFICER login sees (/toi)
     */
    record DemoUser(String username, String displayName, String role, String officeCode, String phone,
                    String unitCode, String officerCode) {
    }

    static final String DEMO_PASSWORD = "demo1234";

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Quản trị hệ thống", "ADMIN", null, null, null, null),
            new DemoUser("hr", "Sở Nội vụ - Phòng Công chức", "HR", null, null, null, null),
            new DemoUser("leader", "Lãnh đạo UBND huyện Gio Linh", "LEADER", null, "0905000301", "GL", null),
            new DemoUser("tinh", "Lãnh đạo UBND tỉnh Quảng Trị", "LEADER", null, "0905000501", null, null),
            new DemoUser("handler", "Cán bộ xử lý phản ánh", "COMPLAINT_HANDLER", null, null, null, null),
            new DemoUser("officehead", "Trưởng Bộ phận Một cửa huyện Gio Linh", "OFFICE_HEAD", "GL-1C", "0905000101",
                    null, null),
            // An officer who logs in to see their own score (/toi): a counter officer at Gio Linh's one-stop office.
            new DemoUser("officer", "Cán bộ Bộ phận Một cửa huyện Gio Linh", "OFFICER", null, null, null,
                    "CB-GL-1C-2"));
}
