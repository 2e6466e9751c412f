package vn.dancham.citizen.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.OneTimeCodes;
import vn.dancham.citizen.OneTimeCodes.CheckOutcome;
import vn.dancham.citizen.OneTimeCodes.IssueOutcome;
import vn.dancham.citizen.OneTimeCodes.Purpose;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.scoring.test.ScoringCoreFixture;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One-time codes on a real PostgreSQL, their SMS in the real outbox. */
class OneTimeCodesIT {

    ScoringCoreFixture f;
    OneTimeCodes codes;

    @BeforeEach
    void start() {
        f = ScoringCoreFixture.fresh();
        codes = new JooqOneTimeCodes(f.dsl, new Outbox(), f.clock, CitizenProperties.defaults());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    OneTimeCodes.Issue send(String phone, String subject, String client) {
        return codes.issue(Purpose.RATING, phone, subject, client, code -> "Ma xac nhan " + code);
    }

    /** The code as the phone receives it: read from the SMS in the outbox. */
    String codeSentIn(long codeId) {
        String body = f.value(String.class, "SELECT body FROM sms_message WHERE idempotency_key = ?", "otp:" + codeId);
        Matcher m = Pattern.compile("([0-9]{6})").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    @Test
    void aCodeIsSentOnceThroughTheOutboxToTheGivenPhoneAndOnlyItsHashIsKept() {
        var issue = send("+84 912 345 678", "dossier:1", "10.0.0.1");
        assertThat(issue.sent()).isTrue();
        assertThat(f.strings("SELECT to_phone || ' ' || purpose || ' ' || state FROM sms_message"))
                .containsExactly("0912345678 ONE_TIME_CODE PENDING");
        String code = codeSentIn(issue.codeId());
        assertThat(f.value(String.class, "SELECT code_hash FROM one_time_code WHERE id = ?", issue.codeId()))
                .doesNotContain(code).hasSize(64);
        assertThat(f.value(String.class, "SELECT client FROM one_time_code WHERE id = ?", issue.codeId()))
                .doesNotContain("10.0.0.1");
    }

    @Test
    void theRightCodeVerifiesOnceAndNamesThePhone() {
        var issue = send("0912345678", "dossier:1", "c");
        String code = codeSentIn(issue.codeId());
        var check = codes.check(issue.codeId(), Purpose.RATING, "dossier:1", code);
        assertThat(check.outcome()).isEqualTo(CheckOutcome.VERIFIED);
        assertThat(check.phone()).isEqualTo("0912345678");
        assertThat(codes.check(issue.codeId(), Purpose.RATING, "dossier:1", code).outcome())
                .as("single use").isEqualTo(CheckOutcome.USED);
    }

    @Test
    void aCodeForOneDossierOrPurposeConfirmsNothingElse() {
        var issue = send("0912345678", "dossier:1", "c");
        String code = codeSentIn(issue.codeId());
        assertThat(codes.check(issue.codeId(), Purpose.RATING, "dossier:2", code).outcome())
                .isEqualTo(CheckOutcome.UNKNOWN);
        assertThat(codes.check(issue.codeId(), Purpose.FEEDBACK, "dossier:1", code).outcome())
                .isEqualTo(CheckOutcome.UNKNOWN);
        assertThat(codes.check(issue.codeId(), Purpose.RATING, "dossier:1", code).outcome())
                .as("the mismatches did not use it up").isEqualTo(CheckOutcome.VERIFIED);
    }

    @Test
    void codesExpire() {
        var issue = send("0912345678", "dossier:1", "c");
        String code = codeSentIn(issue.codeId());
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(codes.check(issue.codeId(), Purpose.RATING, "dossier:1", code).outcome())
                .isEqualTo(CheckOutcome.EXPIRED);
    }

    @Test
    void fiveWrongCodesKillTheCode() {
        var issue = send("0912345678", "dossier:1", "c");
        String code = codeSentIn(issue.codeId());
        String wrong = code.equals("000000") ? "111111" : "000000";
        List<Integer> left = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var check = codes.check(issue.codeId(), Purpose.RATING, "dossier:1", wrong);
            assertThat(check.outcome()).isEqualTo(CheckOutcome.WRONG);
            left.add(check.triesLeft());
        }
        assertThat(left).containsExactly(4, 3, 2, 1);
        assertThat(codes.check(issue.codeId(), Purpose.RATING, "dossier:1", wrong).outcome())
                .isEqualTo(CheckOutcome.TOO_MANY_TRIES);
        assertThat(codes.check(issue.codeId(), Purpose.RATING, "dossier:1", code).outcome())
                .isEqualTo(CheckOutcome.TOO_MANY_TRIES);
    }

    @Test
    void threeCodesAnHourPerPhoneWhateverTheClient() {
        for (int i = 0; i < 3; i++) {
            assertThat(send("0912345678", "dossier:1", "client-" + i).outcome()).isEqualTo(IssueOutcome.SENT);
        }
        assertThat(send("0912345678", "dossier:1", "client-9").outcome()).isEqualTo(IssueOutcome.PHONE_LIMIT);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM sms_message")).as("no SMS for a refusal")
                .isEqualTo(3);
        f.clock.advance(Duration.ofHours(1));
        assertThat(send("0912345678", "dossier:1", "client-9").outcome()).isEqualTo(IssueOutcome.SENT);
    }

    @Test
    void tenCodesAnHourPerClientWhateverThePhone() {
        for (int i = 0; i < 10; i++) {
            assertThat(send("09123456" + (10 + i), "dossier:" + i, "10.0.0.1").outcome()).isEqualTo(IssueOutcome.SENT);
        }
        assertThat(send("0912345699", "dossier:99", "10.0.0.1").outcome()).isEqualTo(IssueOutcome.CLIENT_LIMIT);
        assertThat(send("0912345699", "dossier:99", "10.0.0.2").outcome()).isEqualTo(IssueOutcome.SENT);
    }

    @Test
    void somethingThatIsNotAPhoneGetsNoSms() {
        assertThat(send("hello", "dossier:1", "c").outcome()).isEqualTo(IssueOutcome.NOT_A_PHONE);
        assertThat(send("+1 415 555 0100", "dossier:1", "c").outcome()).as("Vietnamese phones only")
                .isEqualTo(IssueOutcome.NOT_A_PHONE);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM sms_message")).isZero();
    }
}
