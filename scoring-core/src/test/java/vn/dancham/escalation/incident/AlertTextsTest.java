package vn.dancham.escalation.incident;

import org.junit.jupiter.api.Test;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.TwilioProperties;
import vn.dancham.escalation.sms.SmsText;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert template with long but real names and a production-length link, as it leaves (with the dispatcher's
 * reference): one GSM-7 segment by default, nothing applicant-identifying, no word cut. The counts are printed for
 * the record (docs/escalation.md).
 */
class AlertTextsTest {

    /** A production-length public URL (31 characters). */
    static final TwilioProperties TWILIO = new TwilioProperties(null, null, null, null, null, null,
            "https://dancham.quangtri.gov.vn", null, Duration.ofSeconds(10));

    static Map<String, String> templates(EscalationProperties settings) {
        Map<String, String> m = new LinkedHashMap<>();
        new TemplateSamples(new IncidentTexts(settings, settings.linkBase(TWILIO))).samples()
                .forEach(s -> m.put(s.name(), s.body()));
        return m;
    }

    @Test
    void everyAlertFitsOneGsm7SegmentByDefaultWithoutApplicantDataOrCutWords() {
        EscalationProperties defaults = EscalationProperties.defaults();
        Map<String, String> t = templates(defaults);
        StringBuilder report = new StringBuilder("Segments per SMS template (defaults: diacritics stripped):\n");
        t.forEach((name, body) -> {
            SmsText s = SmsText.of(body);
            report.append("  %-32s %s %d seg, %3d chars: %s%n".formatted(name, s.encoding(), s.segments(),
                    body.length(), body));
            assertThat(s.encoding()).as(name).isEqualTo(SmsText.Encoding.GSM7);
            if (!name.equals("DAILY_DIGEST")) {
                assertThat(s.segments()).as(name).isEqualTo(1);
            }
        });
        System.out.println(report);
        String first = t.get("HARASSMENT");
        assertThat(first).startsWith("[Dan Cham] KHAN 4821: phan anh voi vinh tai Bo phan Mot cua UBND huyen")
                .contains("Tra loi OK 4821 de nhan. https://dancham.quangtri.gov.vn/i/12345 #1AAO")
                // No receipt number, no caller.
                .doesNotContain("HS ").doesNotContain("2026-00");
        // Shortened ones end a word, then the ellipsis.
        t.values().stream().filter(b -> b.contains("...")).forEach(b ->
                assertThat(b).matches("(?s).*[\\p{L}\\p{N})]\\.\\.\\. Tra loi.*"));
    }

    @Test
    void withDiacriticsKeptTheSettingsPageCountsUcs2Segments() {
        EscalationProperties d = EscalationProperties.defaults();
        EscalationProperties diacritics = new EscalationProperties(d.schedulerEnabled(), d.zone(), d.linkBaseUrl(),
                d.tickInterval(), d.dispatchInterval(), d.digestHour(), d.missedCallSeverity(), 3, false,
                d.minIntervalPerRecipient(), d.maxPerRecipientPerHour(), d.sendingLease(), d.maxAttempts(),
                d.backoffBase(), d.backoffMax(), d.batchSize(), d.bundleMaxSegments(), d.smsReplies(), d.stopDrain());
        StringBuilder report = new StringBuilder("Segments per SMS template (diacritics kept, max-segments 3):\n");
        templates(diacritics).forEach((name, body) -> {
            SmsText s = SmsText.of(body);
            report.append("  %-32s %s %d seg, %3d chars%n".formatted(name, s.encoding(), s.segments(),
                    body.length()));
            assertThat(s.encoding()).as(name).isEqualTo(SmsText.Encoding.UCS2);
            assertThat(s.segments()).as(name).isBetween(1, 3);
        });
        System.out.println(report);
        assertThat(SmsText.of(templates(diacritics).get("HARASSMENT")).segments()).isEqualTo(3);
    }

    @Test
    void aBundleLineIsCutBetweenWords() {
        String line = IncidentTexts.shortLine("phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng Hóa, CB Nguyễn "
                + "Thị Phương Thảo, 14:05");
        assertThat(line).hasSizeLessThanOrEqualTo(56).isEqualTo("phản ánh vòi vĩnh tại Bộ phận Một cửa UBND huyện Hướng…");
    }
}
