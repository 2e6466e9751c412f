package vn.dancham.escalation.sms;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled alert SMS, word for word (its words live in {@code alerts.properties}). */
class BundleWordingTest {

    private static final Bundling.Due A = new Bundling.Due(1, "full a", "KHẨN 4821: phản ánh vòi vĩnh tại BP 1 cửa");
    private static final Bundling.Due B = new Bundling.Due(2, "full b", "CẢNH BÁO 1234: điểm thấp xã Gio Mỹ");

    @Test
    void twoAlertsInOneSmsReadAsToday() {
        assertThat(Bundling.compose(List.of(A, B), 3, false).text().body()).isEqualTo("[Dân Chấm] 2 việc: KHẨN 4821: "
                + "phản ánh vòi vĩnh tại BP 1 cửa | CẢNH BÁO 1234: điểm thấp xã Gio Mỹ. Trả lời OK <mã> cho từng việc.");
        assertThat(Bundling.compose(List.of(A, B), 3, true).text().body()).isEqualTo("[Dan Cham] 2 viec: KHAN 4821: "
                + "phan anh voi vinh tai BP 1 cua | CANH BAO 1234: diem thap xa Gio My. Tra loi OK <ma> cho tung viec.");
    }
}
