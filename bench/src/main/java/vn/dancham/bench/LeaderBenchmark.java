package vn.dancham.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.HdrHistogram.Histogram;
import vn.dancham.bench.agi.CallPlan;
import vn.dancham.bench.agi.CallResult;
import vn.dancham.bench.agi.HotlineScenarios;
import vn.dancham.bench.agi.LoadDriver;
import vn.dancham.bench.agi.LoadStats;
import vn.dancham.bench.agi.Pacing;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.AppProcess;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.Machine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static vn.dancham.bench.report.Report.ms;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Benchmark 4: time to tell a leader. A harassment report made on the hotline over FastAGI (menu 3, receipt number,
 * a recording ended with #) → the SMS request arriving at a Twilio stand-in (WireMock answering like Twilio's
 * Messages API), measured from the moment the generator sent the caller's last key to the moment WireMock received
 * the request, idle and under the load of benchmark 1. Each report is about an office of its own with its own duty
 * phone, so no deduplication, bundling or per-recipient limit is involved: this is the pipeline's latency.
 * Baseline: the same kind of POST sent straight to the stand-in from the benchmark (the floor: one HTTP call).
 */
final class LeaderBenchmark implements Main.Benchmark {

    static final String ACCOUNT = "AC" + "0123456789abcdef0123456789abcdef";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    private record Arrival(long nanos, String body) {
    }

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("leader");
        Files2.deleteRecursively(work);
        int reports = o.pick(100, 300);
        int loadLines = o.pick(500, 2000);
        ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
        WireMockServer twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(20).disableRequestJournal().globalTemplating(true));
        twilio.start();
        try {
            twilio.stubFor(WireMock.post(WireMock.urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                    .willReturn(WireMock.aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(twilioMessage())));
            twilio.addMockServiceRequestListener((request, response) -> {
                if (request.getUrl().contains("/Messages.json")) {
                    arrivals.add(new Arrival(System.nanoTime(), request.getBodyAsString()));
                }
            });
            Map<String, String> props = Map.of(
                    "dancham.twilio.account-sid", ACCOUNT,
                    "dancham.twilio.auth-token", "bench-auth-token-not-a-secret",
                    "dancham.twilio.from-number", "+15005550006",
                    "dancham.twilio.api-base-url", "http://127.0.0.1:" + twilio.port(),
                    "dancham.twilio.public-base-url", "http://127.0.0.1:1");
            Path appDir = work.resolve("app");
            try (AppProcess app = AppProcess.launch(o.jar(), appDir, props, AppProcess.AS_DEPLOYED)) {
                app.awaitHealthUp(Duration.ofMinutes(4));
                report.postgresVersion(Machine.postgresVersion(app.jdbcUrl(), "postgres"));
                List<String> receipts = prepareOffices(app.jdbcUrl(), reports);
                InetSocketAddress agi = new InetSocketAddress(InetAddress.getLoopbackAddress(), app.agiPort());
                LoadDriver driver = new LoadDriver(agi, appDir, 15_000);

                Histogram floor = directPosts(twilio.port(), 200);
                arrivals.clear();
                Measured idle = measure(driver, receipts.subList(0, reports / 2), arrivals, 0);

                HotlineScenarios scenarios = HotlineScenarios.fromDatabase(app.jdbcUrl());
                AtomicReference<LoadDriver.Run> load = new AtomicReference<>();
                Duration ramp = Duration.ofSeconds(o.pick(10, 30));
                Thread background = Thread.ofPlatform().name("leader-load").start(() -> {
                    try {
                        load.set(new LoadDriver(agi, appDir, 15_000).run(loadLines, scenarios.mixed(), Pacing.HUMAN,
                                ramp, Duration.ofSeconds(o.pick(60, 240)), Long.MAX_VALUE));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Thread.sleep(ramp.plusSeconds(5));
                Measured loaded = measure(driver, receipts.subList(reports / 2, reports), arrivals, reports / 2);
                background.join(Duration.ofMinutes(10));

                report.section("4. Time to tell a leader");
                report.paragraph("From the caller's last key of a harassment report on FastAGI (the # that ends the "
                        + "recording) to the SMS request arriving at a WireMock stand-in for Twilio's Messages API "
                        + "(`dancham.twilio.api-base-url`). " + reports + " reports, one at a time, each about an "
                        + "office of its own with its own duty phone (no deduplication, bundling or per-recipient "
                        + "limit involved). First half idle, second half while " + loadLines + " lines of benchmark "
                        + "1's call mix run with human pacing. **Baseline**: the same kind of POST sent straight to "
                        + "the stand-in from the benchmark JVM (one HTTP call: the floor).");
                LoadDriver.Run l = load.get();
                report.table(List.of("figure", "p50", "p99", "max", "SMS received / reports",
                                "p50 × baseline", "p99 × baseline"), List.of(
                        row("idle", idle, floor),
                        row("under load (" + loadLines + " lines" + (l == null ? ""
                                : ", " + l.stats().okCalls() + "/" + l.stats().calls() + " calls OK, failures "
                                + l.stats().failureSummary()) + ")", loaded, floor),
                        List.of("baseline: direct POST to the stand-in", ms(floor.getValueAtPercentile(50) / 1e6),
                                ms(floor.getValueAtPercentile(99) / 1e6), ms(floor.getMaxValue() / 1e6),
                                floor.getTotalCount() + " / 200", "×1.00", "×1.00")));
                report.paragraph("Under load / idle: p50 " + ratio(p(loaded, 50), p(idle, 50)) + ", p99 "
                        + ratio(p(loaded, 99), p(idle, 99)) + "."
                        + (idle.failures().isEmpty() && loaded.failures().isEmpty() ? ""
                        : " Reports without an SMS within 60 s or whose call failed: "
                        + String.join("; ", concat(idle.failures(), loaded.failures())) + "."));
            }
        } finally {
            twilio.stop();
        }
    }

    private record Measured(Histogram latency, int reports, List<String> failures) {
    }

    private static Measured measure(LoadDriver driver, List<String> receipts, ConcurrentLinkedQueue<Arrival> arrivals,
                                    int offset) throws InterruptedException {
        Histogram h = new Histogram(3);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            String receipt = receipts.get(i);
            String token = token(offset + i);
            CallPlan plan = new CallPlan("harassment", "hotline", randomMobile(), "3" + receipt + "#1#",
                    HotlineScenarios.FAILURE_PROMPT, Map.of());
            CallResult call = driver.once(plan);
            if (!call.ok() || call.lastKeyNanos() == 0) {
                if (failures.size() < 5) {
                    failures.add(token + ": call " + call.outcome() + " " + call.detail());
                }
                continue;
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Arrival found = null;
            while (found == null && System.nanoTime() < deadline) {
                for (Arrival a : arrivals) {
                    if (a.body().contains(token)) {
                        found = a;
                        break;
                    }
                }
                if (found == null) {
                    Thread.sleep(2);
                }
            }
            if (found == null) {
                if (failures.size() < 5) {
                    failures.add(token + ": no SMS within 60 s");
                }
                continue;
            }
            arrivals.remove(found);
            h.recordValue(Math.max(0, found.nanos() - call.lastKeyNanos()));
        }
        return new Measured(h, receipts.size(), failures);
    }

    /** Offices PT0000…, each with one officer, one open dossier and a duty phone of its own, valid for a day. */
    static List<String> prepareOffices(String jdbcUrl, int n) throws Exception {
        List<String> receipts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            c.setAutoCommit(false);
            long unit;
            long procedure;
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT (SELECT id FROM admin_unit WHERE level = 'DISTRICT' ORDER BY id LIMIT 1),"
                            + " (SELECT id FROM procedure ORDER BY id LIMIT 1)")) {
                rs.next();
                unit = rs.getLong(1);
                procedure = rs.getLong(2);
            }
            for (int i = 0; i < n; i++) {
                String token = token(i);
                long office = insert(c, "INSERT INTO office (unit_id, code, dial_code, name, kind) VALUES (?, ?, ?, ?, "
                        + "'ONE_STOP') RETURNING id", unit, "BENCH-" + token, "9" + String.format("%05d", i),
                        "Phòng thử tải " + token);
                long officer = insert(c, "INSERT INTO officer (office_id, code, full_name, position) VALUES (?, ?, ?, "
                        + "'Cán bộ một cửa') RETURNING id", office, "BENCH-F-" + token, "Cán bộ " + token);
                String receipt = "77" + String.format("%08d", i);
                insert(c, "INSERT INTO dossier (receipt_no, procedure_id, receiving_office_id, receiving_officer_id,"
                        + " applicant_name, applicant_phone, received_at, due_at, status) VALUES (?, ?, ?, ?, ?, ?,"
                        + " now() - interval '2 days', now() + interval '5 days', 'IN_PROGRESS') RETURNING id",
                        receipt, procedure, office, officer, "Người dân " + token, "09" + String.format("%08d", i));
                insert(c, "INSERT INTO duty_shift (office_id, level, person_name, phone, starts_at, ends_at)"
                        + " VALUES (?, 1, ?, ?, now() - interval '1 hour', now() + interval '1 day') RETURNING id",
                        office, "Trưởng phòng " + token, "+8491" + String.format("%07d", i));
                receipts.add(receipt);
            }
            c.commit();
        }
        return receipts;
    }

    private static long insert(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Histogram directPosts(int port, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Histogram h = new Histogram(3);
        URI uri = URI.create("http://127.0.0.1:" + port + MESSAGES);
        for (int i = 0; i < count + 20; i++) {
            HttpRequest req = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("To=%2B84910000000&From=%2B15005550006&Body=baseline"))
                    .build();
            long t0 = System.nanoTime();
            http.send(req, HttpResponse.BodyHandlers.ofString());
            if (i >= 20) {
                h.recordValue(System.nanoTime() - t0);
            }
        }
        return h;
    }

    private static List<String> row(String name, Measured m, Histogram floor) {
        double p50 = p(m, 50);
        double p99 = p(m, 99);
        return List.of(name, ms(p50), ms(p99), ms(m.latency().getTotalCount() == 0 ? Double.NaN
                        : m.latency().getMaxValue() / 1e6), m.latency().getTotalCount() + " / " + m.reports(),
                ratio(p50, floor.getValueAtPercentile(50) / 1e6), ratio(p99, floor.getValueAtPercentile(99) / 1e6));
    }

    private static double p(Measured m, double percentile) {
        return m.latency().getTotalCount() == 0 ? Double.NaN : m.latency().getValueAtPercentile(percentile) / 1e6;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String token(int i) {
        return "PT" + String.format("%04d", i);
    }

    private static String randomMobile() {
        return "09" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static String twilioMessage() {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "ok", "date_created": null,
                 "date_sent": null, "date_updated": null, "direction": "outbound-api", "error_code": null,
                 "error_message": null, "from": "+15005550006", "messaging_service_sid": null, "num_media": "0",
                 "num_segments": "1", "price": null, "price_unit": "USD",
                 "sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}", "status": "queued",
                 "subresource_uris": {}, "to": "+84910000000", "uri": "/2010-04-01/Accounts/%s/Messages/SM.json"}
                """.formatted(ACCOUNT, ACCOUNT);
    }
}
