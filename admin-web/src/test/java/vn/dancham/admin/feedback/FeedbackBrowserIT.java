package vn.dancham.admin.feedback;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.Browser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.admin.web.VietnameseCrawlIT;
import vn.dancham.organisation.Organisation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.FEEDBACK_ATTACHMENT;
import static vn.dancham.db.jooq.Tables.ONE_TIME_CODE;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;
import static vn.dancham.db.jooq.Tables.WEB_FEEDBACK;

/**
 * A citizen on a 390 × 844 phone, in Chromium, sends feedback at /gop-y: the code read from the SMS outbox, a photo
 * attached; the handler sees it and downloads the photo, a leader cannot. Then every refusal: a program or a page
 * renamed as a photo, files over 10 MB, words from the list, an expired and a used code, a phone at its code limit —
 * each with its Vietnamese message and the typed fields kept.
 */
class FeedbackBrowserIT extends WebIT {

    @Autowired DSLContext dsl;
    @Autowired Organisation organisation;
    @Autowired Procedures procedures;

    /** A phone number of this test's own. */
    private static String phone() {
        return "0913" + String.format("%06d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000L));
    }

    private static Browser phoneBrowser(String baseUrl) {
        Browser b = Browser.open(baseUrl);
        b.driver().manage().window().setSize(new Dimension(390, 844));
        return b;
    }

    private static void fill(Browser b, String phone, String body) {
        b.go("/gop-y");
        b.find(By.id("fullName")).sendKeys("Trần Thị Bình");
        b.find(By.id("phone")).sendKeys(phone);
        b.find(By.id("address")).sendKeys("Thôn Hà Thượng, thị trấn Gio Linh");
        b.find(By.id("email")).sendKeys("binh.tran@example.vn");
        new Select(b.find(By.id("topic"))).selectByValue("ATTITUDE");
        b.find(By.id("officerName")).sendKeys("Anh Quầy");
        b.find(By.id("body")).sendKeys(body);
    }

    private String sendCode(Browser b, String phone) {
        b.clickAndLoad(By.id("send-code"));
        assertThat(b.find(By.id("feedback-notice")).getText()).contains("Đã gửi mã tới số " + phone);
        String body = dsl.select(SMS_MESSAGE.BODY).from(SMS_MESSAGE).where(SMS_MESSAGE.TO_PHONE.eq(phone))
                .and(SMS_MESSAGE.PURPOSE.eq("ONE_TIME_CODE")).orderBy(SMS_MESSAGE.ID.desc()).limit(1)
                .fetchSingle(SMS_MESSAGE.BODY);
        // The SMS is the fixed text (and the outbox's reference, " #1A"): nothing the visitor typed travels.
        assertThat(body).matches("Dan Cham: ma xac nhan gop y la [0-9]{6}, dung trong 10 phut\\. Khong dua ma nay cho ai\\.( #[0-9A-Z]+)?");
        Matcher m = Pattern.compile("([0-9]{6})").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Path file(String name, byte[] content) throws IOException {
        Path dir = Files.createTempDirectory("gopy-");
        Path file = dir.resolve(name);
        Files.write(file, content);
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
    }

    private static void assertKept(Browser b) {
        assertThat(b.find(By.id("fullName")).getAttribute("value")).isEqualTo("Trần Thị Bình");
        assertThat(b.find(By.id("address")).getAttribute("value")).isEqualTo("Thôn Hà Thượng, thị trấn Gio Linh");
        assertThat(new Select(b.find(By.id("topic"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("ATTITUDE");
        assertThat(b.find(By.id("files-again")).getText()).contains("chọn lại tệp");
        assertThat(VietnameseCrawlIT.findings(VietnameseCrawlIT.visibleText(b.driver().getPageSource()))).isEmpty();
    }

    @Test
    void aCitizenSendsFeedbackWithAPhotoAndTheHandlerDownloadsItButALeaderCannot() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        String phone = phone();
        byte[] photo = FileKindTest.image("jpg");
        long complaintId;
        try (Browser b = phoneBrowser(baseUrl())) {
            b.go("/tra-cuu");
            b.clickAndLoad(By.id("feedback-link"));
            assertThat(b.currentPath()).isEqualTo("/gop-y");
            fill(b, phone, "Cán bộ tiếp nhận không hướng dẫn rõ, tôi phải đi lại ba lần.");
            new Select(b.find(By.id("office"))).selectByValue(String.valueOf(p.counterOfficeId()));
            String code = sendCode(b, phone);
            assertThat(b.find(By.id("body")).getAttribute("value")).as("kept across the code round trip")
                    .startsWith("Cán bộ tiếp nhận");
            assertThat(b.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("nothing wider than the phone").isEqualTo(true);
            b.find(By.id("code")).sendKeys(code);
            b.find(By.id("files")).sendKeys(file("anh-quay.jpg", photo).toString());
            b.clickAndLoad(By.id("feedback-submit"));

            assertThat(b.find(By.id("thanks")).getText()).contains("Góp ý của bạn đã được ghi nhận với số", "Đã nhận 1 tệp");
            assertThat(b.driver().findElements(By.id("thanks-held"))).isEmpty();
            Matcher m = Pattern.compile("số ([0-9]+)").matcher(b.find(By.id("thanks")).getText());
            assertThat(m.find()).isTrue();
            complaintId = Long.parseLong(m.group(1));
        }
        assertThat(dsl.select(COMPLAINT.CHANNEL, COMPLAINT.KIND, COMPLAINT.STATUS, COMPLAINT.OFFICE_ID, COMPLAINT.CALLER_NUMBER)
                .from(COMPLAINT).where(COMPLAINT.ID.eq(complaintId)).fetchSingle().intoList())
                .containsExactly("WEB", "COMPLAINT", "NEW", p.counterOfficeId(), phone);
        assertThat(dsl.select(WEB_FEEDBACK.MODERATION, WEB_FEEDBACK.EMAIL).from(WEB_FEEDBACK)
                .where(WEB_FEEDBACK.COMPLAINT_ID.eq(complaintId)).fetchSingle().intoList())
                .containsExactly("CLEAR", "binh.tran@example.vn");
        var attachment = dsl.selectFrom(FEEDBACK_ATTACHMENT).where(FEEDBACK_ATTACHMENT.COMPLAINT_ID.eq(complaintId)).fetchSingle();
        assertThat(attachment.getMediaType()).isEqualTo("image/jpeg");
        assertThat(attachment.getSizeBytes()).isEqualTo(photo.length);
        String url = "/complaints/" + complaintId + "/attachments/" + attachment.getId();

        userWith(Role.COMPLAINT_HANDLER);
        try (Browser b = Browser.open(baseUrl()).logIn("t-complaint-handler", PASSWORD)) {
            b.go("/complaints");
            b.find(By.id("unreviewed-" + complaintId));
            b.go("/complaints/" + complaintId);
            assertThat(b.find(By.id("web-feedback")).getText()).contains("Trần Thị Bình", phone,
                    "binh.tran@example.vn", "Thái độ phục vụ của cán bộ", "Anh Quầy", "đi lại ba lần");
            WebElement link = b.find(By.id("attachment-" + attachment.getId()));
            assertThat(link.getText()).isEqualTo("anh-quay.jpg");
            @SuppressWarnings("unchecked")
            List<Object> got = (List<Object>) ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeAsyncScript(FETCH, link.getAttribute("href"));
            assertThat(got).containsExactly(200L, "image/jpeg", (long) photo.length, "nosniff");
            assertThat(dsl.fetchCount(vn.dancham.db.jooq.Tables.AUDIT_LOG,
                    vn.dancham.db.jooq.Tables.AUDIT_LOG.ACTION.eq("ATTACHMENT_DOWNLOADED")
                            .and(vn.dancham.db.jooq.Tables.AUDIT_LOG.TARGET_ID.eq(String.valueOf(complaintId))))).isEqualTo(1);

            b.find(By.id("feedback-review")).click();
            assertThat(b.find(By.id("feedback-reviewed")).getText()).contains("Đã xem xét");
        }
        userWith(Role.LEADER);
        try (Browser b = Browser.open(baseUrl()).logIn("t-leader", PASSWORD)) {
            b.go("/complaints/" + complaintId);
            assertThat(b.find(By.id("web-feedback")).getText()).contains("chỉ cán bộ xử lý phản ánh được xem")
                    .doesNotContain("binh.tran@example.vn");
            assertThat(b.driver().findElements(By.id("attachment-" + attachment.getId()))).isEmpty();
            @SuppressWarnings("unchecked")
            List<Object> got = (List<Object>) ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeAsyncScript(FETCH, baseUrl() + url);
            assertThat(got.getFirst()).isEqualTo(403L);
        }
    }

    /** Fetches a URL in the page's session: status, type, length, nosniff. */
    private static final String FETCH = """
            var done = arguments[arguments.length - 1];
            fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {
              return r.arrayBuffer().then(function (body) {
                done([r.status, r.headers.get('content-type'), body.byteLength, r.headers.get('x-content-type-options')]);
              });
            }).catch(function (e) { done([0, String(e), 0, null]); });
            """;

    @Test
    void aProgramOrAPageRenamedAsAPhotoIsRefusedAndTheFormIsKept() throws Exception {
        String phone = phone();
        try (Browser b = phoneBrowser(baseUrl())) {
            fill(b, phone, "Góp ý có kèm tệp lạ.");
            b.find(By.id("code")).sendKeys("123456");
            byte[] exe = "MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000program".getBytes(StandardCharsets.ISO_8859_1);
            b.find(By.id("files")).sendKeys(file("anh.jpg", exe).toString());
            b.clickAndLoad(By.id("feedback-submit"));
            assertThat(b.find(By.id("feedback-error")).getText())
                    .contains("Tệp \"anh.jpg\" không phải ảnh .jpg, .png, .webp hay tệp .pdf", "Góp ý chưa được gửi");
            assertKept(b);

            b.find(By.id("files")).sendKeys(file("trang.jpg",
                    "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8)).toString());
            b.find(By.id("code")).sendKeys("123456");
            b.clickAndLoad(By.id("feedback-submit"));
            assertThat(b.find(By.id("feedback-error")).getText()).contains("Tệp \"trang.jpg\" không phải ảnh");
            assertKept(b);
        }
        assertThat(dsl.fetchCount(WEB_FEEDBACK, WEB_FEEDBACK.PHONE.eq(phone))).isZero();
        assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(phone))).isZero();
    }

    @Test
    void filesOverTenMegabytesAreStoppedOnThePhoneAndRefusedByTheServer() throws Exception {
        String phone = phone();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        byte[] jpeg = FileKindTest.image("jpg");
        System.arraycopy(jpeg, 0, big, 0, jpeg.length);
        try (Browser b = phoneBrowser(baseUrl())) {
            fill(b, phone, "Ảnh lớn.");
            b.find(By.id("code")).sendKeys("123456");
            b.find(By.id("files")).sendKeys(file("lon.jpg", big).toString());
            assertThat(b.find(By.id("files-size")).getText()).contains("lớn quá 10 MB");
            // A browser without the page's script sends it anyway: the server says the same.
            b.script("document.getElementById('files').setCustomValidity('');");
            b.clickAndLoad(By.id("feedback-submit"));
            assertThat(b.find(By.id("feedback-error")).getText()).contains("Các tệp đính kèm lớn quá 10 MB tổng cộng");
            assertKept(b);
        }
        assertThat(dsl.fetchCount(WEB_FEEDBACK, WEB_FEEDBACK.PHONE.eq(phone))).isZero();
    }

    @Test
    void offensiveWordsHoldTheFeedbackForReviewUnchanged() {
        String phone = phone();
        String text = "Cán bộ đó là đồ chó, làm việc như vậy mà được à?";
        try (Browser b = phoneBrowser(baseUrl())) {
            fill(b, phone, text);
            String code = sendCode(b, phone);
            b.find(By.id("code")).sendKeys(code);
            b.clickAndLoad(By.id("feedback-submit"));
            assertThat(b.find(By.id("thanks-held")).getText()).contains("được giữ nguyên", "xem xét");
        }
        var row = dsl.selectFrom(WEB_FEEDBACK).where(WEB_FEEDBACK.PHONE.eq(phone)).fetchSingle();
        assertThat(row.getModeration()).isEqualTo("HELD");
        assertThat(row.getHeldWords()).isEqualTo("đồ chó");
        assertThat(row.getBody()).as("not silently changed").isEqualTo(text);
    }

    @Test
    void anExpiredOrUsedCodeIsRefusedAndAPhoneAtItsLimitGetsNoMoreCodes() {
        String phone = phone();
        try (Browser b = phoneBrowser(baseUrl())) {
            fill(b, phone, "Góp ý về thời gian chờ.");
            String code = sendCode(b, phone);
            // Eleven minutes later (the code lives ten).
            dsl.update(ONE_TIME_CODE).set(ONE_TIME_CODE.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
                    .where(ONE_TIME_CODE.PHONE.eq(phone)).execute();
            b.find(By.id("code")).sendKeys(code);
            b.clickAndLoad(By.id("feedback-submit"));
            assertThat(b.find(By.id("feedback-error")).getText()).contains("Mã xác nhận đã hết hạn");
            assertKept(b);

            String second = sendCode(b, phone);
            // Used meanwhile, in another tab.
            dsl.update(ONE_TIME_CODE).set(ONE_TIME_CODE.USED_AT, OffsetDateTime.now())
                    .where(ONE_TIME_CODE.PHONE.eq(phone)).and(ONE_TIME_CODE.USED_AT.isNull()).execute();
            b.find(By.id("code")).sendKeys(second);
            b.clickAndLoad(By.id("feedback-submit"));
            assertThat(b.find(By.id("feedback-error")).getText()).contains("Mã xác nhận này đã được dùng");
            assertKept(b);

            // A third code went to this phone from somewhere else within the hour: the fourth is refused.
            dsl.insertInto(ONE_TIME_CODE).set(ONE_TIME_CODE.PURPOSE, "FEEDBACK").set(ONE_TIME_CODE.PHONE, phone)
                    .set(ONE_TIME_CODE.SUBJECT, "feedback:" + phone).set(ONE_TIME_CODE.CLIENT, "elsewhere")
                    .set(ONE_TIME_CODE.SALT, "s").set(ONE_TIME_CODE.CODE_HASH, "h")
                    .set(ONE_TIME_CODE.CREATED_AT, OffsetDateTime.now())
                    .set(ONE_TIME_CODE.EXPIRES_AT, OffsetDateTime.now().plusMinutes(10)).execute();
            b.clickAndLoad(By.id("send-code"));
            assertThat(b.find(By.id("feedback-error")).getText())
                    .contains("Số điện thoại này đã nhận đủ số mã cho phép trong một giờ");
            assertThat(b.find(By.id("body")).getAttribute("value")).isEqualTo("Góp ý về thời gian chờ.");
        }
        assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(phone))).isEqualTo(2);
        assertThat(dsl.fetchCount(WEB_FEEDBACK, WEB_FEEDBACK.PHONE.eq(phone))).isZero();
    }
}
