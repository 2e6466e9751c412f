package vn.dancham.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Twilio ({@code dancham.twilio.*}). Secrets come from the environment only (DANCHAM_TWILIO_AUTH_TOKEN,
 * DANCHAM_TWILIO_API_KEY_SECRET) and are never logged: {@link #toString()} hides them. Without an account SID,
 * credentials and a sender, SMS are stored as SIMULATED and shown as not sent.
 *
 * @param accountSid          AC…
 * @param authToken           the account's auth token: authenticates API calls unless an API key is given, and is
 *                            always what Twilio signs webhooks with (without it every webhook is refused)
 * @param apiKeySid           SK… (optional, instead of the auth token for API calls)
 * @param apiKeySecret        the API key's secret
 * @param fromNumber          sender number in E.164, or
 * @param messagingServiceSid MG… (takes precedence over fromNumber)
 * @param publicBaseUrl       the one public URL of this application, as Twilio and the leaders' phones reach it (behind
 *                            a proxy: the outside URL): StatusCallback, webhook signatures and, unless
 *                            {@code dancham.escalation.link-base-url} says otherwise, the links in SMS; e.g.
 *                            https://dancham.quangtri.gov.vn
 * @param apiBaseUrl          override of https://api.twilio.com (tests, egress proxies); empty = Twilio itself
 * @param requestTimeout      connect and read timeout of one API call (default 10s)
 */
@ConfigurationProperties("dancham.twilio")
public record TwilioProperties(String accountSid, String authToken, String apiKeySid, String apiKeySecret,
                               String fromNumber, String messagingServiceSid,
                               @DefaultValue("http://localhost:8080") String publicBaseUrl, String apiBaseUrl,
                               @DefaultValue("10s") Duration requestTimeout) {

    public TwilioProperties {
        publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        if (requestTimeout == null) {
            requestTimeout = Duration.ofSeconds(10);
        }
    }

    /** Whether real SMS can be sent; otherwise the simulated gateway is used. */
    public boolean configured() {
        return present(accountSid) && (present(authToken) || (present(apiKeySid) && present(apiKeySecret)))
                && (present(fromNumber) || present(messagingServiceSid));
    }

    /** What is missing for real sending, for the start-up log (names only, never values). */
    public String missing() {
        StringBuilder sb = new StringBuilder();
        if (!present(accountSid)) {
            sb.append("DANCHAM_TWILIO_ACCOUNT_SID ");
        }
        if (!present(authToken) && !(present(apiKeySid) && present(apiKeySecret))) {
            sb.append("DANCHAM_TWILIO_AUTH_TOKEN (or DANCHAM_TWILIO_API_KEY_SID + DANCHAM_TWILIO_API_KEY_SECRET) ");
        }
        if (!present(fromNumber) && !present(messagingServiceSid)) {
            sb.append("DANCHAM_TWILIO_FROM_NUMBER (or DANCHAM_TWILIO_MESSAGING_SERVICE_SID) ");
        }
        return sb.toString().strip();
    }

    /**
     * The start-up warning when real SMS would carry links and callbacks nobody outside can reach: real credentials
     * and a public URL (the one given, or the link base) on localhost or a loopback address. Empty when all is well.
     */
    public java.util.Optional<String> localPublicUrlWarning(String linkBase) {
        if (!configured()) {
            return java.util.Optional.empty();
        }
        for (var url : java.util.List.of(publicBaseUrl, linkBase == null || linkBase.isBlank() ? publicBaseUrl
                : linkBase)) {
            if (local(url)) {
                return java.util.Optional.of("dancham.twilio.public-base-url (DANCHAM_TWILIO_PUBLIC_BASE_URL) is "
                        + url + " while real Twilio credentials are set: SMS links will not open on a phone and "
                        + "Twilio's status callbacks and replies cannot reach this application; set the public URL");
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean local(String url) {
        if (url == null || url.isBlank()) {
            return true;
        }
        String host;
        try {
            host = java.net.URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return true;
        }
        return host == null || host.equalsIgnoreCase("localhost") || host.endsWith(".localhost")
                || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1") || host.equals("0.0.0.0");
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", authToken=" + (present(authToken) ? "***" : "")
                + ", apiKeySid=" + apiKeySid + ", apiKeySecret=" + (present(apiKeySecret) ? "***" : "")
                + ", fromNumber=" + fromNumber + ", messagingServiceSid=" + messagingServiceSid
                + ", publicBaseUrl=" + publicBaseUrl + ", apiBaseUrl=" + apiBaseUrl
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
