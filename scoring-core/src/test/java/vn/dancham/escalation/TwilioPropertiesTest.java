package vn.dancham.escalation;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio's secrets never show in a log line made from the properties; what is missing is named exactly. */
class TwilioPropertiesTest {

    static TwilioProperties with(String sid, String token, String keySid, String keySecret, String from,
                                 String service) {
        return new TwilioProperties(sid, token, keySid, keySecret, from, service, "https://dancham.test/", null,
                Duration.ofSeconds(10));
    }

    @Test
    void toStringHidesTheAuthTokenAndTheApiKeySecret() {
        TwilioProperties p = with("AC123", "the-auth-token", "SK123", "the-key-secret", "+15005550006", null);
        assertThat(p.toString()).doesNotContain("the-auth-token").doesNotContain("the-key-secret")
                .contains("authToken=***").contains("apiKeySecret=***").contains("accountSid=AC123");
    }

    @Test
    void missingNamesEachEnvironmentVariableStillNeeded() {
        assertThat(with(null, null, null, null, null, null).missing()).isEqualTo("DANCHAM_TWILIO_ACCOUNT_SID "
                + "DANCHAM_TWILIO_AUTH_TOKEN (or DANCHAM_TWILIO_API_KEY_SID + DANCHAM_TWILIO_API_KEY_SECRET) "
                + "DANCHAM_TWILIO_FROM_NUMBER (or DANCHAM_TWILIO_MESSAGING_SERVICE_SID)");
        assertThat(with("AC1", null, "SK1", null, "+1", null).missing())
                .as("an API key without its secret is not enough")
                .isEqualTo("DANCHAM_TWILIO_AUTH_TOKEN (or DANCHAM_TWILIO_API_KEY_SID + DANCHAM_TWILIO_API_KEY_SECRET)");
        assertThat(with("AC1", "t", null, null, null, "MG1").missing()).isEmpty();
        assertThat(with("AC1", "t", null, null, null, "MG1").configured()).isTrue();
    }

    static TwilioProperties at(String publicUrl, boolean credentials) {
        return new TwilioProperties(credentials ? "AC1" : null, "t", null, null, "+15005550006", null, publicUrl,
                null, Duration.ofSeconds(10));
    }

    @Test
    void aLocalhostPublicUrlWithRealCredentialsIsWarnedAbout() {
        assertThat(at("http://localhost:8080", true).localPublicUrlWarning("")).hasValueSatisfying(w ->
                assertThat(w).contains("DANCHAM_TWILIO_PUBLIC_BASE_URL").contains("http://localhost:8080"));
        assertThat(at("http://127.0.0.1:8080", true).localPublicUrlWarning(null)).isPresent();
        assertThat(at("https://dancham.quangtri.gov.vn", true).localPublicUrlWarning("http://localhost:8080/"))
                .as("a link base set apart to localhost").isPresent();
        assertThat(at("https://dancham.quangtri.gov.vn", true).localPublicUrlWarning("")).isEmpty();
        assertThat(at("http://localhost:8080", false).localPublicUrlWarning("")).as("simulated SMS go nowhere")
                .isEmpty();
    }

    @Test
    void linksFollowThePublicUrlUnlessTheyAreSetApart() {
        EscalationProperties defaults = EscalationProperties.defaults();
        assertThat(defaults.linkBase(at("https://dancham.quangtri.gov.vn", true)))
                .isEqualTo("https://dancham.quangtri.gov.vn");
        EscalationProperties apart = new EscalationProperties(true, defaults.zone(), "https://web.dancham.vn/",
                defaults.tickInterval(), defaults.dispatchInterval(), 7, Severity.URGENT, 1, true,
                defaults.minIntervalPerRecipient(), 20, defaults.sendingLease(), 40, defaults.backoffBase(),
                defaults.backoffMax(), 50, 3, EscalationProperties.SmsReplies.ROSTER, defaults.stopDrain());
        assertThat(apart.linkBase(at("https://dancham.quangtri.gov.vn", true))).isEqualTo("https://web.dancham.vn");
    }
}
