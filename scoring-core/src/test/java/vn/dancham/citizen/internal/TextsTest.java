package vn.dancham.citizen.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.citizen.CitizenTemplate;
import vn.dancham.citizen.CitizenTemplate.Placeholder;
import vn.dancham.escalation.sms.SmsReference;
import vn.dancham.escalation.sms.SmsText;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every citizen template with long real values (a 36-character office, a 13-digit receipt, the longest status) fits
 * one GSM-7 segment by default, reference stamp included; the table is printed for docs/citizen-sms.md.
 */
class TextsTest {

    static final Map<Placeholder, String> LONG = JooqCitizenTemplates.sampleValues("1022", "thái độ, đúng hẹn, hài lòng",
            3);

    @Test
    void everyDefaultFitsOneGsm7SegmentWithoutDiacritics() {
        System.out.println("| template | default (no diacritics) | with diacritics, up to 3 segments |");
        for (CitizenTemplate kind : CitizenTemplate.values()) {
            SmsText stripped = SmsText.of(SmsReference.stamp(Texts.render(kind.defaultText(), LONG, 1, true).body(),
                    60_000));
            SmsText kept = SmsText.of(SmsReference.stamp(Texts.render(kind.defaultText(), LONG, 3, false).body(),
                    60_000));
            System.out.printf("| %s | %d (%s, %d chars) | %d (%s) |%n", kind, stripped.segments(), stripped.encoding(),
                    stripped.body().length(), kept.segments(), kept.encoding());
            System.out.println("    " + stripped.body());
            assertThat(stripped.segments()).as(kind + ": " + stripped.body()).isEqualTo(1);
            assertThat(stripped.encoding()).isEqualTo(SmsText.Encoding.GSM7);
            // What is never cut: the receipt and the hotline.
            if (kind.placeholders().contains(Placeholder.RECEIPT)) {
                assertThat(stripped.body()).contains("2026112200123");
            }
            if (kind.placeholders().contains(Placeholder.HOTLINE)) {
                assertThat(stripped.body()).contains("1022");
            }
        }
    }

    @Test
    void aLongOfficeNameIsCutBetweenWordsNeverTheDateOrTheHotline() {
        Map<Placeholder, String> v = new java.util.EnumMap<>(LONG);
        v.put(Placeholder.OFFICE, "Bộ phận Tiếp nhận và Trả kết quả thủ tục hành chính UBND huyện Hướng Hóa tỉnh Quảng Trị");
        String body = Texts.render(CitizenTemplate.APOLOGY.defaultText(), v, 1, true).body();
        assertThat(SmsText.of(body + " #1AAO").segments()).isEqualTo(1);
        assertThat(body).startsWith("Bo phan Tiep nhan").contains("...").contains("05/12/2026").endsWith("1022.");
    }

    @Test
    void unknownPlaceholdersAreNamed() {
        assertThat(Texts.unknownPlaceholders(CitizenTemplate.INVITATION, "HS {số hồ sơ} {so ho so} {ngày hẹn}"))
                .containsExactly("{so ho so}", "{ngày hẹn}");
        assertThat(Texts.unknownPlaceholders(CitizenTemplate.HELP, CitizenTemplate.HELP.defaultText())).isEmpty();
    }
}
