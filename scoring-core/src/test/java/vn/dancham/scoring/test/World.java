package vn.dancham.scoring.test;

/**
 * A small organisation for tests: Quảng Trị province, Gio Linh district with a commune, a one-stop office with a
 * counter officer, a land office with two specialists, and a civil-status office in Hướng Hóa district; one field
 * (đất đai) with one procedure, and another field (hộ tịch).
 */
public record World(long province, long gioLinh, long huongHoa, long commune, long counterOffice, long landOffice,
                    long civilOffice, long counterOfficer, long specialist, long specialist2, long civilOfficer,
                    long landField, long civilField, long landProcedure, long civilProcedure) {

    public static World create(ScoringCoreFixture f) {
        long province = f.unit(null, "PROVINCE", "QT", "Quảng Trị");
        long gioLinh = f.unit(province, "DISTRICT", "GL", "Gio Linh");
        long huongHoa = f.unit(province, "DISTRICT", "HH", "Hướng Hóa");
        long commune = f.unit(gioLinh, "COMMUNE", "GL-GC", "Gio Châu");
        long counter = f.office(gioLinh, "GL-1CUA", "11", "Bộ phận một cửa huyện Gio Linh");
        long land = f.office(gioLinh, "GL-DD", "12", "Văn phòng đăng ký đất đai Gio Linh");
        long civil = f.office(huongHoa, "HH-HT", "21", "Phòng Tư pháp Hướng Hóa");
        long counterOfficer = f.officer(counter, "CB-AN", "Nguyễn Văn An");
        long specialist = f.officer(land, "CB-BINH", "Trần Thị Bình");
        long specialist2 = f.officer(land, "CB-CUONG", "Lê Văn Cường");
        long civilOfficer = f.officer(civil, "CB-DUNG", "Phạm Thị Dung");
        long landField = f.field("DD", "Đất đai");
        long civilField = f.field("HT", "Hộ tịch");
        long landProcedure = f.procedure(landField, "DD-01", "Cấp giấy chứng nhận quyền sử dụng đất", 30);
        long civilProcedure = f.procedure(civilField, "HT-01", "Đăng ký khai sinh", 3);
        return new World(province, gioLinh, huongHoa, commune, counter, land, civil, counterOfficer, specialist,
                specialist2, civilOfficer, landField, civilField, landProcedure, civilProcedure);
    }
}
