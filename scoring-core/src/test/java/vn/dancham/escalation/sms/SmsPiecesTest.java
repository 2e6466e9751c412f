package vn.dancham.escalation.sms;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SMS text encoding and segments, backoff, per-phone rate limit, bundling and reply parsing. */
class SmsPiecesTest {

    static final Instant T0 = Instant.parse("2026-11-22T07:05:00Z");

    @Test
    void theReferenceIsTheRowIdInBase36AndMatchesOnlyItsOwnRow() {
        assertThat(SmsReference.of(26_439)).isEqualTo("KEF");
        String sent = SmsReference.stamp("[Dan Cham] KHAN 4821: ...", 26_439);
        assertThat(sent).isEqualTo("[Dan Cham] KHAN 4821: ... #KEF");
        assertThat(SmsReference.carries("Sent from your Twilio trial account - " + sent, 26_439)).isTrue();
        assertThat(SmsReference.carries(sent, 26_440)).isFalse();
        assertThat(SmsReference.carries(sent + "A", 26_439)).isFalse();
        assertThat(SmsReference.carries("[Dan Cham] KHAN 4821: ...", 26_439)).isFalse();
        assertThat(SmsReference.stamp("x", 60_466_175L)).hasSize(1 + SmsReference.MAX_STAMP_LENGTH);
    }

    @Test
    void gsm7FitsOneHundredSixtyCharactersThenOneHundredFiftyThreePerSegment() {
        assertThat(SmsText.of("a".repeat(160))).isEqualTo(new SmsText("a".repeat(160), SmsText.Encoding.GSM7, 1));
        assertThat(SmsText.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsText.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsText.of("a".repeat(307)).segments()).isEqualTo(3);
        // Extension characters take two septets.
        assertThat(SmsText.of("€".repeat(80)).segments()).isEqualTo(1);
        assertThat(SmsText.of("€".repeat(81)).segments()).isEqualTo(2);
    }

    @Test
    void vietnameseDiacriticsForceUcs2SeventyThenSixtySevenPerSegment() {
        assertThat(SmsText.of("ấ".repeat(70))).extracting(SmsText::encoding, SmsText::segments)
                .containsExactly(SmsText.Encoding.UCS2, 1);
        assertThat(SmsText.of("ấ".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsText.of("ấ".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsText.of("ấ".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void strippingDiacriticsMakesVietnameseGsm7() {
        String s = SmsText.stripDiacritics("[Dân Chấm] KHẨN: phản ánh vòi vĩnh tại Bộ phận 1 cửa huyện Gio Linh, "
                + "Đường “Lê Lợi”");
        assertThat(s).isEqualTo("[Dan Cham] KHAN: phan anh voi vinh tai Bo phan 1 cua huyen Gio Linh, "
                + "Duong \"Le Loi\"");
        assertThat(SmsText.of(s).encoding()).isEqualTo(SmsText.Encoding.GSM7);
    }

    @Test
    void fittingCutsTheMiddleButKeepsTheCodeAndTheLink() {
        String tail = ". Trả lời \"OK 4821\" để nhận xử lý. https://x.vn/incidents/1";
        SmsText t = SmsText.fit("[Dân Chấm] KHẨN: ", "chi tiết ".repeat(60), tail, 2, false);
        assertThat(t.segments()).isLessThanOrEqualTo(2);
        // Cut between words; the ellipsis ends the sentence, so the tail's own full stop is dropped.
        assertThat(t.body()).startsWith("[Dân Chấm] KHẨN: chi tiết").endsWith("…" + tail.substring(1))
                .matches("(?s).* (chi|tiết)… Trả lời.*");

        SmsText stripped = SmsText.fit("[Dân Chấm] KHẨN: ", "chi tiết ".repeat(60), tail, 1, true);
        assertThat(stripped.encoding()).isEqualTo(SmsText.Encoding.GSM7);
        assertThat(stripped.segments()).isEqualTo(1);
        assertThat(stripped.body()).matches("(?s).* (chi|tiet)\\.\\.\\. Tra loi \"OK 4821\" de nhan xu ly\\. "
                + "https://x\\.vn/incidents/1");
    }

    @Test
    void backoffDoublesUpToItsCapAndHonoursALongerRetryAfter() {
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(2));
        assertThat(b.delay(1, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.delay(2, null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delay(4, null)).isEqualTo(Duration.ofSeconds(40));
        assertThat(b.delay(30, null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(b.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delay(4, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(40));
        assertThat(b.delay(30, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aPhoneGetsAtMostOneSmsPerIntervalAndACapPerHour() {
        RecipientThrottle t = new RecipientThrottle(Duration.ofSeconds(60), 3);
        assertThat(t.nextAllowed(List.of(), T0)).isEqualTo(T0);
        assertThat(t.nextAllowed(List.of(T0.minusSeconds(20)), T0)).isEqualTo(T0.plusSeconds(40));
        assertThat(t.nextAllowed(List.of(T0.minusSeconds(61)), T0)).isEqualTo(T0);
        // Three in the last hour: the next when the oldest of them is an hour old.
        assertThat(t.nextAllowed(List.of(T0.minusSeconds(3000), T0.minusSeconds(2000), T0.minusSeconds(1000)), T0))
                .isEqualTo(T0.minusSeconds(3000).plus(Duration.ofHours(1)));
        // Older than an hour does not count.
        assertThat(t.nextAllowed(List.of(T0.minusSeconds(4000), T0.minusSeconds(3700), T0.minusSeconds(3601)), T0))
                .isEqualTo(T0);
    }

    @Test
    void severalAlertsForOnePhoneBecomeOneSmsAsFarAsTheyFit() {
        Bundling.Due a = new Bundling.Due(1, "[Dân Chấm] KHẨN: a …", "KHẨN 4821: phản ánh vòi vĩnh tại BP 1 cửa");
        Bundling.Due b = new Bundling.Due(2, "[Dân Chấm] KHẨN: b …", "KHẨN 1234: phản ánh vòi vĩnh tại xã Gio Mỹ");
        Bundling.Bundle one = Bundling.compose(List.of(a), 3, false);
        assertThat(one).isEqualTo(new Bundling.Bundle(1, List.of(), SmsText.of(a.body())));

        Bundling.Bundle two = Bundling.compose(List.of(a, b), 3, false);
        assertThat(two.carrier()).isEqualTo(1);
        assertThat(two.bundled()).containsExactly(2L);
        assertThat(two.text().body()).startsWith("[Dân Chấm] 2 việc: KHẨN 4821").contains("| KHẨN 1234")
                .endsWith("Trả lời OK <mã> cho từng việc.");

        List<Bundling.Due> many = java.util.stream.LongStream.rangeClosed(1, 20)
                .mapToObj(i -> new Bundling.Due(i, "full " + i, "KHẨN " + (1000 + i) + ": phản ánh vòi vĩnh tại BP"))
                .toList();
        // Without diacritics (the default) five full alert lines fit three GSM-7 segments, reference included.
        List<Bundling.Due> five = java.util.stream.LongStream.rangeClosed(1, 5)
                .mapToObj(i -> new Bundling.Due(i, "full " + i, "KHẨN " + (1000 + i) + ": phản ánh vòi vĩnh tại Bộ "
                        + "phận Một cửa UBND huyện Hướng…")).toList();
        Bundling.Bundle gsm = Bundling.compose(five, 3, true);
        assertThat(gsm.bundled()).hasSize(4);
        assertThat(SmsText.of(SmsReference.stamp(gsm.text().body(), 60_000)))
                .extracting(SmsText::encoding, SmsText::segments).containsExactly(SmsText.Encoding.GSM7, 3);
        Bundling.Bundle capped = Bundling.compose(many, 3, false);
        assertThat(capped.text().segments()).isLessThanOrEqualTo(3);
        assertThat(capped.bundled()).hasSizeBetween(2, 18);
        // When not even two fit, the oldest goes alone with its full text; the rest wait.
        assertThat(Bundling.compose(many, 1, false)).isEqualTo(new Bundling.Bundle(1, List.of(),
                SmsText.of("full 1")));
    }

    @Test
    void repliesAreReadForgivingly() {
        assertThat(ReplyParser.parse("OK 4821")).contains(new ReplyParser.Ack(Optional.of("4821")));
        assertThat(ReplyParser.parse("  ok4821 ")).contains(new ReplyParser.Ack(Optional.of("4821")));
        assertThat(ReplyParser.parse("Ok   4821.")).contains(new ReplyParser.Ack(Optional.of("4821")));
        assertThat(ReplyParser.parse("o k 4821")).contains(new ReplyParser.Ack(Optional.of("4821")));
        assertThat(ReplyParser.parse("Nhận 4821")).contains(new ReplyParser.Ack(Optional.of("4821")));
        assertThat(ReplyParser.parse("ok")).contains(new ReplyParser.Ack(Optional.empty()));
        assertThat(ReplyParser.parse("OK 482")).isEmpty();
        assertThat(ReplyParser.parse("hello")).isEmpty();
        assertThat(ReplyParser.parse("OK 48211")).isEmpty();
        assertThat(ReplyParser.parse(null)).isEmpty();
    }
}
