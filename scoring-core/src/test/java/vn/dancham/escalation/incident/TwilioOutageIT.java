package vn.dancham.escalation.incident;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.IncidentDetail;
import vn.dancham.text.StoredText;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.SmsView;
import vn.dancham.escalation.sms.SmsGateways;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.escalation.incident.Harness.CHAIR;
import static vn.dancham.escalation.incident.Harness.HEAD;
import static vn.dancham.escalation.incident.Harness.T0;
import static vn.dancham.escalation.incident.Harness.VICE;
import static vn.dancham.escalation.incident.TwilioOutboxIT.PATH;
import static vn.dancham.escalation.incident.TwilioOutboxIT.error;
import static vn.dancham.escalation.incident.TwilioOutboxIT.list;

/**
 * One harassment incident through a 20-minute Twilio outage (WireMock answering 500 to every POST, then
 * recovering), with the escalation tick and the dispatcher run every 5 simulated seconds as the Quartz jobs would:
 * no level may be escalated past before its SMS left, each wait counts from when Twilio took the step's SMS, and the
 * timeline and the web's backlog say what happened. The timeline is printed for the record (docs/escalation.md).
 */
class TwilioOutageIT {

    static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    WireMockServer twilio;
    Harness h;

    @BeforeEach
    void setUp() {
        twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        twilio.start();
        twilio.stubFor(get(urlPathEqualTo(PATH)).willReturn(list()));
        // The first templated answer compiles its template; on a busy machine that can outlast the client's timeout
        // and turn Twilio's recovery into a lost answer. Warm it up outside the test's Twilio path.
        twilio.stubFor(get(urlEqualTo("/warm-up")).willReturn(createdWithFreshSid()));
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(twilio.baseUrl() + "/warm-up")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        h = new Harness(SmsGateways.create(Harness.twilio(twilio.baseUrl())), EscalationProperties.defaults(),
                Harness.twilio(twilio.baseUrl())).withDayRoster();
    }

    @AfterEach
    void tearDown() {
        h.close();
        twilio.stop();
    }

    /** Twilio's 201 with a fresh SID for every message (WireMock's response templating). */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder createdWithFreshSid() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(TwilioOutboxIT.message("SM{{randomValue length=32 type='HEXADECIMAL'}}", "+84913000000",
                        "queued"))
                .withTransformers("response-template");
    }

    @Test
    void throughATwentyMinuteOutageNoLevelIsPassedBeforeItsSmsLeftAndTheTimelineSaysWhatHappened() {
        StubMapping outage = twilio.stubFor(post(urlEqualTo(PATH))
                .willReturn(error(500, 20500, "Internal Server Error")));
        h.opening.on(new HarassmentReported(1, null, null, "2026001234", h.org.oneStopOffice(), h.org.officer(),
                "0905123456", T0));
        long id = h.incidents.list(IncidentFilter.all()).getFirst().id();

        Instant recovery = T0.plus(Duration.ofMinutes(20));
        boolean recovered = false;
        boolean outageSeen = false;
        while (h.clock.instant().isBefore(T0.plus(Duration.ofMinutes(45)))) {
            if (!recovered && !h.clock.instant().isBefore(recovery)) {
                twilio.removeStub(outage);
                twilio.stubFor(post(urlEqualTo(PATH)).willReturn(createdWithFreshSid()));
                recovered = true;
            }
            h.escalator.advanceDue();
            h.dispatcher.dispatchDue();
            if (h.clock.instant().equals(T0.plus(Duration.ofMinutes(10)))) {
                // Mid-outage: the web says it, loudly, and nobody was escalated past.
                assertThat(h.incidents.backlog().failingSince()).isEqualTo(T0);
                IncidentDetail mid = h.incidents.find(id).orElseThrow();
                assertThat(mid.stuckMessages()).singleElement().satisfies(m -> assertThat(m.toPhone()).isEqualTo(HEAD));
                assertThat(mid.waitingForSmsToLeave()).isTrue();
                assertThat(mid.incident().level()).isEqualTo(1);
                outageSeen = true;
            }
            h.clock.advance(Duration.ofSeconds(5));
        }
        assertThat(outageSeen).isTrue();

        IncidentDetail d = h.incidents.find(id).orElseThrow();
        System.out.println(timeline(d));

        List<SmsView> sms = d.messages();
        assertThat(sms).extracting(SmsView::toPhone).startsWith(HEAD, VICE, CHAIR);
        SmsView head = sms.get(0);
        SmsView vice = sms.get(1);
        SmsView chair = sms.get(2);
        assertThat(head.state()).isEqualTo("SENT");
        // Level 1's SMS could only leave after the outage…
        assertThat(head.sentAt()).isAfterOrEqualTo(recovery).isBefore(recovery.plus(Duration.ofMinutes(3)));
        // …and level 2 was queued no earlier than 5 minutes after that, level 3 five minutes after level 2's left.
        assertThat(vice.createdAt()).isAfterOrEqualTo(head.sentAt().plus(Duration.ofMinutes(5)));
        assertThat(vice.sentAt()).isBefore(vice.createdAt().plusSeconds(10));
        assertThat(chair.createdAt()).isAfterOrEqualTo(vice.sentAt().plus(Duration.ofMinutes(5)));
        // The timeline tells the truth: queued, delayed, sent, next level due.
        assertThat(d.timeline()).extracting(IncidentDetail.TimelineEntry::kind)
                .containsSubsequence("OPENED", "NOTIFIED", "SMS_DELAYED", "SMS_SENT", "ESCALATED", "SMS_SENT",
                        "ESCALATED", "SMS_SENT");
        assertThat(d.timeline()).filteredOn(e -> e.kind().equals("SMS_SENT")).first()
                .satisfies(e -> assertThat(e.detailText().args()).contains(StoredText.of("incident.event.sms.due",
                        HM.format(head.sentAt().plus(Duration.ofMinutes(5))))));
        assertThat(h.incidents.backlog().failingSince()).isNull();
        // Every attempt was one request and every SMS left once: 500s are answers, so nothing was in doubt.
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(sms.stream()
                .mapToInt(SmsView::attempts).sum());
        assertThat(sms.subList(1, sms.size())).extracting(SmsView::attempts).containsOnly(1);
    }

    static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    /** The incident's timeline and its SMS as one list by time (local time, Quảng Trị). */
    static String timeline(IncidentDetail d) {
        record Line(Instant at, String text) {
        }
        List<Line> lines = new ArrayList<>();
        d.timeline().forEach(e -> lines.add(new Line(e.at(), e.kind() + " — " + (e.detail() != null ? e.detail() : e.detailText()))));
        StringBuilder sb = new StringBuilder("Timeline of incident " + d.incident().code()
                + " through a 20-minute Twilio outage (local time):\n");
        lines.stream().sorted(Comparator.comparing(Line::at)).forEach(l -> sb.append("  ")
                .append(HMS.format(l.at())).append("  ").append(l.text()).append('\n'));
        sb.append("SMS (queued → sent, attempts, segments):\n");
        d.messages().forEach(m -> sb.append("  ").append(m.toPhone()).append(" level ").append(m.level())
                .append(": queued ").append(HMS.format(m.createdAt())).append(", sent ")
                .append(m.sentAt() == null ? "-" : HMS.format(m.sentAt())).append(", ").append(m.attempts())
                .append(" attempts, ").append(m.encoding()).append(' ').append(m.segments()).append(" seg, ")
                .append(m.state()).append('\n'));
        return sb.toString();
    }
}
