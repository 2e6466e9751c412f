package vn.dancham.admin.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Twilio as the citizen SMS tests play it with WireMock: its documented shapes, and citizens' signed inbound SMS. */
final class CitizenSmsTwilio {

    static final String ACCOUNT = "AC" + "000000000000000000000000000de017";
    static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    private CitizenSmsTwilio() {
    }

    /** 201 with a fresh SID for every create; an empty list for the in-doubt lookup. */
    static void stub(WireMockServer twilio) {
        twilio.stubFor(post(urlEqualTo(PATH)).willReturn(created()));
        twilio.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(emptyList())));
    }

    /**
     * The whole application on its own embedded database in {@code data} (a second start on the same directory is a
     * restart), Twilio at {@code twilio}, the citizen SMS sweep left to the test.
     */
    static org.springframework.context.ConfigurableApplicationContext start(java.nio.file.Path data,
                                                                            WireMockServer twilio, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.profiles.active=test",
                "--dancham.demo.load=NEVER", "--server.port=0", "--dancham.ivr.port=0",
                "--dancham.db.data-directory=" + data, "--dancham.citizen.sms.scheduler-enabled=false",
                "--dancham.twilio.account-sid=" + ACCOUNT, "--dancham.twilio.from-number=+15005550006",
                "--dancham.twilio.api-base-url=" + twilio.baseUrl(), "--dancham.twilio.request-timeout=30s"));
        args.addAll(List.of(more));
        return new org.springframework.boot.builder.SpringApplicationBuilder(vn.dancham.admin.DanChamApplication.class)
                .run(args.toArray(String[]::new));
    }

    /** A citizen's SMS as Twilio's inbound webhook delivers it, signed. */
    static HttpResponse<String> inbound(int port, String sid, String from, String body) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("AccountSid", ACCOUNT);
        form.put("From", from);
        form.put("To", "+15005550006");
        form.put("Body", body);
        String encoded = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioWebhooksIT.sign("https://dancham.test/twilio/sms", form))
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The SMS for {@code phone} carrying {@code text}, once the dispatcher has handed it to Twilio. */
    static LoggedRequest awaitSms(WireMockServer twilio, String phone, String text) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            List<LoggedRequest> found = twilio.findAll(postRequestedFor(urlEqualTo(PATH))
                    .withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                    .withRequestBody(containing(URLEncoder.encode(text, StandardCharsets.UTF_8))));
            if (!found.isEmpty()) {
                assertThat(found).as("one SMS, never two").hasSize(1);
                return found.getFirst();
            }
            assertThat(Instant.now()).as("an SMS to %s carrying «%s» at Twilio; it has: %s", phone, text,
                    twilio.findAll(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("To="
                            + URLEncoder.encode(phone, StandardCharsets.UTF_8)))).stream()
                            .map(LoggedRequest::getBodyAsString).toList()).isBefore(giveUp);
            Thread.sleep(50);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Twilio's 201 with a fresh SID for every message (WireMock's response templating). */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(TwilioBodies.queued(ACCOUNT, "SM{{randomValue length=32 type='HEXADECIMAL'}}",
                        "+84900000000"))
                .withTransformers("response-template");
    }

    /** Twilio's Message list with nothing in it (ListMessage 200). */
    static String emptyList() {
        return """
                {"messages": [], "end": 0, "first_page_uri": "%s?PageSize=50&Page=0", "next_page_uri": null,
                 "page": 0, "page_size": 50, "previous_page_uri": null, "start": 0, "uri": "%s?PageSize=50&Page=0"}
                """.formatted(PATH, PATH);
    }
}
