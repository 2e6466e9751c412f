package vn.dancham.citizen.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.OneTimeCodes.CheckOutcome;
import vn.dancham.citizen.OneTimeCodes.IssueOutcome;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CodePolicyTest {

    static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");
    final CodePolicy policy = new CodePolicy(CitizenProperties.defaults());

    static CodePolicy.StoredCode code(String code, Instant expires, Instant used, int tries) {
        return new CodePolicy.StoredCode("salt", CodePolicy.hash("salt", code), expires, used, tries);
    }

    @Test
    void threeCodesPerPhoneAndTenPerClientInTheWindow() {
        assertThat(policy.mayIssue(2, 9)).isEqualTo(IssueOutcome.SENT);
        assertThat(policy.mayIssue(3, 0)).isEqualTo(IssueOutcome.PHONE_LIMIT);
        assertThat(policy.mayIssue(0, 10)).isEqualTo(IssueOutcome.CLIENT_LIMIT);
        assertThat(policy.mayIssue(3, 10)).as("the phone's limit is named first").isEqualTo(IssueOutcome.PHONE_LIMIT);
    }

    @Test
    void theRightCodeBeforeItExpiresVerifies() {
        var verdict = policy.check(code("123456", NOW.plusSeconds(1), null, 0), " 123 456 ", NOW);
        assertThat(verdict.outcome()).isEqualTo(CheckOutcome.VERIFIED);
    }

    @Test
    void aCodeIsDeadAtItsExpiryEvenWhenRight() {
        assertThat(policy.check(code("123456", NOW, null, 0), "123456", NOW).outcome())
                .isEqualTo(CheckOutcome.EXPIRED);
    }

    @Test
    void aUsedCodeNeverVerifiesAgain() {
        assertThat(policy.check(code("123456", NOW.plusSeconds(60), NOW.minusSeconds(5), 0), "123456", NOW).outcome())
                .isEqualTo(CheckOutcome.USED);
    }

    @Test
    void wrongCodesCountAndTheFifthKillsTheCode() {
        var first = policy.check(code("123456", NOW.plusSeconds(60), null, 0), "000000", NOW);
        assertThat(first).isEqualTo(new CodePolicy.Verdict(CheckOutcome.WRONG, 1));
        assertThat(policy.triesLeft(first.triesAfter())).isEqualTo(4);
        var fifth = policy.check(code("123456", NOW.plusSeconds(60), null, 4), "000000", NOW);
        assertThat(fifth).isEqualTo(new CodePolicy.Verdict(CheckOutcome.TOO_MANY_TRIES, 5));
        assertThat(policy.check(code("123456", NOW.plusSeconds(60), null, 5), "123456", NOW).outcome())
                .as("not even the right code after that").isEqualTo(CheckOutcome.TOO_MANY_TRIES);
    }
}
