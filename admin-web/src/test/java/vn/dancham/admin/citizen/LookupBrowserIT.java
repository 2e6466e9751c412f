package vn.dancham.admin.citizen;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.support.Browser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.organisation.Organisation;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/** A citizen on a 390 × 844 phone, in Chromium: looks a dossier up, asks for a code, types it and rates. */
class LookupBrowserIT extends WebIT {

    @Autowired DSLContext dsl;
    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;

    @Test
    void aCitizenOnAPhoneLooksUpTheirDossierAndRatesItWithTheTextedCode() {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        String phone = p.applicantPhone();
        long dossierId = dsl.select(DOSSIER.ID).from(DOSSIER).where(DOSSIER.RECEIPT_NO.eq(receipt)).fetchSingle(DOSSIER.ID);

        try (Browser b = Browser.open(baseUrl())) {
            b.driver().manage().window().setSize(new Dimension(390, 844));
            b.go("/tra-cuu");
            b.find(By.id("receipt")).sendKeys(receipt);
            b.find(By.id("digits")).sendKeys(phone.substring(phone.length() - 4));
            b.clickAndLoad(By.id("lookup-submit"));

            assertThat(b.find(By.id("facts")).getText()).contains(receipt, "Thẩm định", "Trễ hạn");
            assertThat(b.currentPath()).isEqualTo("/tra-cuu/ho-so");
            assertThat(b.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("nothing wider than the phone").isEqualTo(true);

            b.find(By.cssSelector("label:has(#q-ATTITUDE-4)")).click();
            b.find(By.cssSelector("label:has(#q-OVERALL-5)")).click();
            b.clickAndLoad(By.id("send-code"));
            assertThat(b.find(By.id("rate-notice")).getText()).contains("Đã gửi mã");
            assertThat(b.find(By.id("q-ATTITUDE-4")).isSelected()).as("the choice survived the round trip").isTrue();

            String body = dsl.select(SMS_MESSAGE.BODY).from(SMS_MESSAGE).where(SMS_MESSAGE.TO_PHONE.eq(phone))
                    .and(SMS_MESSAGE.PURPOSE.eq("ONE_TIME_CODE")).fetchSingle(SMS_MESSAGE.BODY);
            Matcher m = Pattern.compile("([0-9]{6})").matcher(body);
            assertThat(m.find()).isTrue();
            b.find(By.id("code")).sendKeys(m.group(1));
            b.clickAndLoad(By.id("rate-submit"));

            assertThat(b.find(By.id("thanks")).getText()).contains("Đã ghi nhận 2 câu trả lời");
            assertThat(b.find(By.id("thanks-verified")).isDisplayed()).isTrue();

            // English on request, remembered for the next page.
            b.go("/tra-cuu/ho-so?lang=en");
            assertThat(b.find(By.id("rate")).getText()).contains("Rate the officers who handled this dossier");
        }
        assertThat(dsl.select(RATING.CRITERION, RATING.VALUE, RATING.IDENTITY, RATING.CHANNEL).from(RATING)
                .where(RATING.DOSSIER_ID.eq(dossierId)).orderBy(RATING.ID)
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3() + " " + r.value4()))
                .containsExactly("ATTITUDE 4 VERIFIED WEB", "OVERALL 5 VERIFIED WEB");
    }
}
