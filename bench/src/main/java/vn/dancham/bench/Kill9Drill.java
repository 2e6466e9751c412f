package vn.dancham.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import vn.dancham.bench.agi.CallPlan;
import vn.dancham.bench.agi.CallResult;
import vn.dancham.bench.agi.HotlineScenarios;
import vn.dancham.bench.agi.LoadStats;
import vn.dancham.bench.agi.Pacing;
import vn.dancham.bench.agi.SimulatedCall;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.AppProcess;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.PostgresProcesses;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Issue 8's kill -9 drill: the real application ({@code java -jar dancham.jar}, embedded PostgreSQL, its own data
 * directory and loopback ports) takes a few hundred concurrent calls with human pacing — ratings of demo dossiers
 * and harassment reports that each send an SMS to a Twilio stand-in — and is killed with SIGKILL in the middle,
 * once a good share of the answers has been given. Then it is started again on the same directory and ports, and
 * the database is checked against what the callers heard:
 * <ul>
 *   <li>every answer a caller saw acknowledged (the server went on to the next prompt after the key) is stored;</li>
 *   <li>no call is left IN_PROGRESS: the ones open at the kill are closed as INTERRUPTED;</li>
 *   <li>every harassment report stored opened its incident exactly once, those whose incident the kill left
 *       unopened included (the node opens them just after the report commits);</li>
 *   <li>every SMS of the outbox was accepted by the stand-in exactly once (requests counted per outbox id, which
 *       the status callback URL names);</li>
 *   <li>the PostgreSQL orphaned by the kill is stopped by the new start.</li>
 * </ul>
 * The stand-in answers like Twilio's Messages API after 0.2–3 s and, like Twilio, posts a signed status callback
 * ({@code sent}) one second after accepting a message — once, without retrying, so a callback that finds the
 * application dead is lost, exactly as with the real service.
 */
final class Kill9Drill implements Main.Benchmark {

    private static final List<String> SPRING_AOT = vn.dancham.bench.sys.AppProcess.AS_DEPLOYED;

    private static final String TOKEN = "drill-auth-token-not-a-secret";
    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"(SM[0-9a-fA-F]+)\"");

    /** One caller of the drill and the call it made. */
    private record Caller(String kind, String number, CallPlan plan, SimulatedCall call, int keys) {

        /** Answers the caller heard acknowledged: ratings followed by the next prompt, a report by the thanks. */
        int acknowledged() {
            int acked = call.keysAcknowledged();
            return kind.equals("rating") ? Math.max(0, acked - (keys - 3)) : (acked >= keys ? 1 : 0);
        }
    }

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("kill9");
        Files2.deleteRecursively(work);
        Path appDir = work.resolve("app");
        int calls = o.pick(200, 1000);
        int reports = calls / 5;

        Map<Long, AtomicInteger> accepted = new ConcurrentHashMap<>();
        AtomicInteger callbacksDelivered = new AtomicInteger();
        AtomicInteger callbacksLost = new AtomicInteger();
        Map<Long, AtomicInteger> lostCallbacksOf = new ConcurrentHashMap<>();
        ScheduledExecutorService callbacks = Executors.newScheduledThreadPool(4);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        int webPort = AppProcess.freePort();
        int agiPort = AppProcess.freePort();
        String publicBase = "http://127.0.0.1:" + webPort;
        MessageList held = new MessageList();
        WireMockServer twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(40).disableRequestJournal().globalTemplating(true).extensions(held));
        twilio.start();
        try {
            twilio.stubFor(WireMock.post(WireMock.urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                    .willReturn(WireMock.aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(LeaderBenchmark.twilioMessage()).withUniformRandomDelay(200, 3000)));
            // Twilio's Message list (GET, filtered by To): what this stand-in accepted, newest first, as the
            // outbox asks before sending again a message whose attempt got no answer.
            twilio.stubFor(WireMock.get(WireMock.urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                    .willReturn(WireMock.aResponse().withTransformers(MessageList.NAME)));
            twilio.addMockServiceRequestListener((request, response) -> {
                if (!request.getUrl().contains("/Messages.json") || response.getStatus() != 201) {
                    return;
                }
                Map<String, String> form = form(request.getBodyAsString());
                String callback = form.get("StatusCallback");
                Long id = callback == null ? null : messageId(callback);
                if (id == null) {
                    return;
                }
                accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                Matcher sid = SID.matcher(response.getBodyAsString());
                String messageSid = sid.find() ? sid.group(1) : "SM" + Long.toHexString(System.nanoTime());
                held.add(form.get("To"), form.get("Body"), messageSid);
                callbacks.schedule(() -> {
                    if (statusCallback(http, callback, messageSid, form.get("To"))) {
                        callbacksDelivered.incrementAndGet();
                    } else {
                        callbacksLost.incrementAndGet();
                        lostCallbacksOf.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                }, 1, TimeUnit.SECONDS);
            });
            Map<String, String> props = new LinkedHashMap<>();
            props.put("server.port", Integer.toString(webPort));
            props.put("dancham.ivr.port", Integer.toString(agiPort));
            props.put("dancham.twilio.account-sid", LeaderBenchmark.ACCOUNT);
            props.put("dancham.twilio.auth-token", TOKEN);
            props.put("dancham.twilio.from-number", "+15005550006");
            props.put("dancham.twilio.api-base-url", "http://127.0.0.1:" + twilio.port());
            props.put("dancham.twilio.public-base-url", publicBase);

            // As production runs it (dancham.sh): on the beans Spring AOT worked out in the build.
            AppProcess first = AppProcess.launch(o.jar(), appDir, props, SPRING_AOT);
            Duration firstUp = first.awaitHealthUp(startTimeout());
            report.postgresVersion(vn.dancham.bench.sys.Machine.postgresVersion(first.jdbcUrl(), "postgres"));
            List<String> benchReceipts = LeaderBenchmark.prepareOffices(first.jdbcUrl(), reports);
            HotlineScenarios scenarios = HotlineScenarios.fromDatabase(first.jdbcUrl());
            // The drill checks that the reports' alerts leave exactly once across the crash, within 6 min of the kill.
            // Unacknowledged, each incident would go to the next level after URGENT's wait (300 s): one alert per
            // incident to the same leader's phone, which the outbox lets have one SMS a minute (bundled by three) —
            // by design many minutes for 40 incidents, and not what the drill is about. Whether the drill passed
            // hung on whether the first level drained before that wait ran out (2026-12-03: twice not). So the
            // drill's incidents wait an hour before the next level.
            execute(first.jdbcUrl(), "UPDATE escalation_policy SET wait_seconds = 3600 WHERE severity = 'URGENT'");
            long smsBefore = single(first.jdbcUrl(), "SELECT coalesce(max(id), 0) FROM sms_message");
            // The drill's SMS are the alerts written after this point (the reports' own). The demo's citizen SMS
            // (invitations to rate, apologies: their own sending hours, per-number limits and lowest priority) may
            // also be written meanwhile; they are checked for duplicates with the rest, but not waited for
            // (2026-12-03 at 19:50 in Vietnam: two invitations written just before the kill were still due after the
            // 6 minutes, and failed the drill as "never accepted").
            String drillSms = "id > " + smsBefore + " AND purpose = 'ALERT'";
            // The drill's rows are the ones after these: the demo data has callers with 0966 numbers too.
            long callsBefore = single(first.jdbcUrl(), "SELECT coalesce(max(id), 0) FROM hotline_call");

            // ---- the calls ----
            InetSocketAddress agi = new InetSocketAddress(InetAddress.getLoopbackAddress(), first.agiPort());
            LoadStats stats = new LoadStats();
            List<Caller> callers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String number = "0966" + String.format("%06d", i);
                CallPlan plan;
                String kind;
                if (i % 5 == 4) {
                    kind = "harassment";
                    plan = new CallPlan(kind, "hotline", number, "3" + benchReceipts.get(i / 5) + "#1#",
                            HotlineScenarios.FAILURE_PROMPT, Map.of());
                } else {
                    kind = "rating";
                    plan = new CallPlan(kind, "hotline", number, scenarios.plan("rating", number).keys(),
                            HotlineScenarios.FAILURE_PROMPT, Map.of());
                }
                SimulatedCall call = new SimulatedCall(agi, plan, Pacing.HUMAN, stats, appDir, 60_000, false);
                callers.add(new Caller(kind, number, plan, call, plan.keys().replace(" ", "").length()));
            }
            int expectedAnswers = callers.stream().mapToInt(c -> c.kind().equals("rating") ? 3 : 1).sum();
            AtomicInteger inFlight = new AtomicInteger();
            Map<String, CallResult> results = new ConcurrentHashMap<>();
            Duration ramp = Duration.ofSeconds(5);
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers.size(); i++) {
                Caller c = callers.get(i);
                long startAt = start + ramp.toNanos() * i / callers.size();
                threads.add(Thread.ofVirtual().name("drill-" + i).start(() -> {
                    try {
                        long wait = startAt - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(Duration.ofNanos(wait));
                        }
                        inFlight.incrementAndGet();
                        try {
                            results.put(c.number(), c.call().run());
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            // Kill once about 40% of all answers have been acknowledged (bounded: at most two minutes in).
            long killDeadline = start + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < killDeadline
                    && callers.stream().mapToInt(Caller::acknowledged).sum() < expectedAnswers * 4 / 10) {
                Thread.sleep(50);
            }
            int inFlightAtKill = inFlight.get();
            int ackedAtKill = callers.stream().mapToInt(Caller::acknowledged).sum();
            Duration callsRunFor = Duration.ofNanos(System.nanoTime() - start);
            long firstPid = first.pid();
            first.kill9();
            long killedAt = System.nanoTime();
            Instant killedInstant = Instant.now();

            // ---- just after the kill: the orphaned PostgreSQL still answers ----
            PostgresProcesses pg = new PostgresProcesses(appDir.resolve("postgres"));
            Optional<Long> orphan = pg.postmaster();
            Map<String, Long> callsAtKill = orphan.isPresent() ? counts(first.jdbcUrl(),
                    "SELECT outcome, count(*) FROM hotline_call WHERE id > " + callsBefore + " GROUP BY 1")
                    : Map.of();
            Map<String, Long> smsAtKill = orphan.isPresent() ? counts(first.jdbcUrl(),
                    "SELECT state, count(*) FROM sms_message WHERE " + drillSms + " GROUP BY 1") : Map.of();
            // Reports stored whose incident (and SMS) was not opened yet: the node opens them just after each report
            // commits, so a kill can fall between (issue 16); the restarted node must open each once.
            long reportsWaitingAtKill = orphan.isPresent() ? single(first.jdbcUrl(), "SELECT count(*) FROM complaint"
                    + " WHERE incident_due AND call_id > " + callsBefore) : -1;
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(90));
            }

            // ---- restart on the same directory and ports ----
            try (AppProcess second = AppProcess.launch(o.jar(), appDir, props, SPRING_AOT)) {
                second.awaitHealthUp(startTimeout());
                Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
                boolean orphanStopped = orphan.map(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true))
                        .orElse(false);
                boolean orphanLogged = Files.readString(second.logFile()).contains("left running");
                long aotStarts = Files.readAllLines(second.logFile()).stream()
                        .filter(line -> line.contains("Starting AOT-processed DanChamApplication")).count();
                String url = second.jdbcUrl();

                // Every report's incident opened (its SMS then in the outbox), bounded.
                long openedDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (single(url, "SELECT count(*) FROM complaint WHERE incident_due AND incident_failed_at IS NULL"
                        + " AND call_id > " + callsBefore) > 0 && System.nanoTime() < openedDeadline) {
                    Thread.sleep(200);
                }
                // Every pending SMS must go out: wait until none is PENDING or SENDING (lease 2 min), bounded.
                long drainDeadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
                long open;
                while ((open = single(url, "SELECT count(*) FROM sms_message WHERE " + drillSms
                        + " AND state IN ('PENDING', 'SENDING')")) > 0 && System.nanoTime() < drainDeadline) {
                    Thread.sleep(500);
                }
                Duration drained = Duration.ofNanos(System.nanoTime() - killedAt);
                Thread.sleep(3000); // a late duplicate would arrive within the stand-in's delay
                // Answers acknowledged from the rating inbox (issue 16) are rows once the writer has applied them;
                // one still waiting (or set aside) after the bound is reported as lost by the checks below.
                long inboxDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (single(url, "SELECT count(*) FROM rating_inbox WHERE failed_at IS NULL") > 0
                        && System.nanoTime() < inboxDeadline) {
                    Thread.sleep(200);
                }

                // ---- the checks ----
                Map<String, Long> ratingsStored = counts(url,
                        "SELECT caller_number, count(*) FROM rating WHERE call_id > " + callsBefore + " GROUP BY 1");
                Map<String, Long> reportsStored = counts(url, "SELECT caller_number, count(*) FROM complaint"
                        + " WHERE kind = 'HARASSMENT' AND call_id > " + callsBefore + " GROUP BY 1");
                int acknowledged = 0;
                int stored = 0;
                int lost = 0;
                List<String> lostSamples = new ArrayList<>();
                for (Caller c : callers) {
                    int acked = c.acknowledged();
                    long have = (c.kind().equals("rating") ? ratingsStored : reportsStored)
                            .getOrDefault(c.number(), 0L);
                    acknowledged += acked;
                    stored += (int) have;
                    if (have < acked) {
                        lost += acked - (int) have;
                        if (lostSamples.size() < 5) {
                            lostSamples.add(c.number() + " " + c.kind() + ": " + acked + " acknowledged, " + have
                                    + " stored");
                        }
                    }
                }
                Map<String, Long> callsAfter = counts(url,
                        "SELECT outcome, count(*) FROM hotline_call WHERE id > " + callsBefore + " GROUP BY 1");
                // A key the flow refused means the drill's script is out of step with the flow (a prompt it does not
                // know): its "acknowledged" counts would then be wrong, so the drill fails rather than report them.
                Map<String, Long> refusedKeys = counts(url, "SELECT e.step, count(*) FROM call_event e"
                        + " WHERE e.call_id > " + callsBefore + " AND e.kind = 'INVALID' GROUP BY 1");
                long openAnywhere = single(url, "SELECT count(*) FROM hotline_call WHERE outcome = 'IN_PROGRESS'");
                // Each report stored opened its own incident (each drill report is about an office of its own).
                long reportsWithoutIncident = single(url, "SELECT count(*) FROM complaint c WHERE c.kind = 'HARASSMENT'"
                        + " AND NOT c.test AND c.call_id > " + callsBefore + " AND NOT EXISTS (SELECT 1 FROM incident i"
                        + " WHERE i.kind = 'HARASSMENT_REPORT' AND i.details ->> 'complaintId' = c.id::text)");
                long incidentsPerReportMax = single(url, "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n"
                        + " FROM incident i JOIN complaint c ON i.details ->> 'complaintId' = c.id::text"
                        + " WHERE c.call_id > " + callsBefore + " GROUP BY c.id) x");
                Map<String, Long> smsAfter = counts(url,
                        "SELECT state, count(*) FROM sms_message WHERE " + drillSms + " GROUP BY 1");
                Map<Long, String> smsRows = new TreeMap<>();
                java.util.Set<Long> notWaitedFor = new java.util.HashSet<>();
                try (Connection c = DriverManager.getConnection(url, "postgres", "");
                     ResultSet rs = c.createStatement().executeQuery(
                             "SELECT id, state, purpose = 'ALERT' FROM sms_message WHERE id > " + smsBefore)) {
                    while (rs.next()) {
                        smsRows.put(rs.getLong(1), rs.getString(2));
                        if (!rs.getBoolean(3)) {
                            notWaitedFor.add(rs.getLong(1));
                        }
                    }
                }
                int duplicates = 0;
                int duplicatesInWindow = 0;
                int neverSent = 0;
                List<String> smsProblems = new ArrayList<>();
                for (var e : smsRows.entrySet()) {
                    int n = accepted.getOrDefault(e.getKey(), new AtomicInteger()).get();
                    boolean carried = e.getValue().equals("BUNDLED");
                    if (!carried && n == 0 && !notWaitedFor.contains(e.getKey())) {
                        neverSent++;
                        smsProblems.add("SMS " + e.getKey() + " " + e.getValue() + ": never accepted");
                    }
                    if (n > 1) {
                        duplicates += n - 1;
                        int lostCallbacks = lostCallbacksOf.getOrDefault(e.getKey(), new AtomicInteger()).get();
                        // The documented window (OutboxDispatcher): Twilio took it, the node died before writing
                        // the SID and the status callback found nobody; after the lease it is sent again.
                        boolean inWindow = lostCallbacks >= n - 1;
                        duplicatesInWindow += inWindow ? n - 1 : 0;
                        smsProblems.add("SMS " + e.getKey() + " " + e.getValue() + ": accepted " + n + " times"
                                + (inWindow ? " (its status callback was lost while the application was down)" : ""));
                    }
                }
                long interruptedAfter = callsAfter.getOrDefault("INTERRUPTED", 0L);
                long openAtKill = callsAtKill.getOrDefault("IN_PROGRESS", 0L);
                long pendingAtKill = smsAtKill.getOrDefault("PENDING", 0L) + smsAtKill.getOrDefault("SENDING", 0L);

                report.section("Kill -9 drill");
                report.paragraph("`bench/drills/kill9.sh` (= `bench/run.sh kill9`): " + calls + " callers with human "
                        + "pacing (" + (calls - reports) + " ratings of demo dossiers, 3 answers each; " + reports
                        + " harassment reports, each sending an SMS to the duty phone of an office of its own), "
                        + "started over " + ramp.toSeconds() + " s against `java -jar dancham.jar` on the embedded "
                        + "PostgreSQL; SIGKILL once 40% of the answers had been acknowledged; restart on the same "
                        + "data directory and ports. Twilio stand-in: WireMock answering 201 after 0.2–3 s and "
                        + "posting one signed `sent` status callback a second later (no retries, as Twilio). "
                        + "The drill's incidents wait an hour (not URGENT's 300 s) before going to the next level, "
                        + "so the 6 minutes after the kill see only the reports' own alerts.");
                report.table(List.of("figure", "value"), List.of(
                        List.of("first start (empty directory, demo data) → health UP", secs(firstUp)),
                        List.of("calls started / in flight at the kill", callers.size() + " / " + inFlightAtKill),
                        List.of("kill after", secs(callsRunFor) + " of calls (JVM pid " + firstPid + ", at "
                                + killedInstant + ")"),
                        List.of("answers acknowledged to callers at the kill / by the end of the calls",
                                ackedAtKill + " / " + acknowledged),
                        List.of("answers stored after restart (acknowledged or given just before the kill)",
                                Integer.toString(stored)),
                        List.of("**answers lost** (acknowledged but not stored)", "**" + lost + "**"),
                        List.of("drill calls in progress in the database at the kill (read from the orphaned "
                                + "PostgreSQL)", Long.toString(openAtKill)),
                        List.of("after restart: drill calls INTERRUPTED / still IN_PROGRESS (whole table)",
                                interruptedAfter + " / " + openAnywhere),
                        List.of("calls by outcome after restart", callsAfter.toString()),
                        List.of("keys the flow refused in the drill's calls (by step; must be none)",
                                refusedKeys.isEmpty() ? "none" : refusedKeys.toString()),
                        List.of("harassment reports stored, their incident not yet opened, at the kill (orphaned "
                                + "PostgreSQL)", reportsWaitingAtKill < 0 ? "not read" : Long.toString(reportsWaitingAtKill)),
                        List.of("after restart: reports without their incident / most incidents opened for one report",
                                reportsWithoutIncident + " / " + incidentsPerReportMax),
                        List.of("SMS of the drill (alerts) at the kill (orphaned PostgreSQL)", smsAtKill.toString()),
                        List.of("SMS of the drill (alerts) after restart", smsAfter.toString()),
                        List.of("citizen SMS of the demo written meanwhile (checked for duplicates, not waited for)",
                                Integer.toString(notWaitedFor.size())),
                        List.of("SMS pending (PENDING or SENDING) at the kill", Long.toString(pendingAtKill)),
                        List.of("**SMS duplicates** (accepted more than once) / of them in the known crash window "
                                + "(accepted, then the callback lost) / never accepted",
                                "**" + duplicates + "** / " + duplicatesInWindow + " / " + neverSent),
                        List.of("status callbacks delivered / lost (application down)",
                                callbacksDelivered.get() + " / " + callbacksLost.get()),
                        List.of("orphaned PostgreSQL after the kill", orphan.map(p -> "pid " + p + " running")
                                .orElse("none found")),
                        List.of("orphan stopped by the restart (and said so in the log)",
                                orphanStopped + " (" + orphanLogged + ")"),
                        List.of("**recovery**: kill → health UP on restart", "**" + secs(recovery) + "**"),
                        List.of("starts on the beans Spring AOT worked out, as dancham.sh runs it (the log's "
                                + "\"Starting AOT-processed\", first start and restart)",
                                aotStarts + " of 2"),
                        List.of("kill → outbox empty (no PENDING/SENDING)", open == 0 ? secs(drained)
                                : "not within 6 min (" + open + " left)")));
                List<String> failures = new ArrayList<>();
                if (!refusedKeys.isEmpty()) {
                    failures.add("the drill's callers pressed keys the flow refused " + refusedKeys
                            + ": the script is out of step with the flow, its acknowledged counts are not to be trusted");
                }
                if (aotStarts != 2) {
                    failures.add("only " + aotStarts + " of 2 starts on the beans Spring AOT worked out: the drill did "
                            + "not run the application as production does (see the log's \"Spring AOT off\" line)");
                }
                if (lost > 0) {
                    failures.add(lost + " acknowledged answers lost: " + lostSamples);
                }
                if (reportsWithoutIncident > 0 || incidentsPerReportMax > 1) {
                    failures.add(reportsWithoutIncident + " harassment reports without their incident, at most "
                            + incidentsPerReportMax + " incidents for one report");
                }
                if (openAnywhere > 0) {
                    failures.add(openAnywhere + " calls still IN_PROGRESS after restart");
                }
                if (interruptedAfter < openAtKill) {
                    failures.add("only " + interruptedAfter + " calls INTERRUPTED, " + openAtKill + " were open");
                }
                if (duplicates > duplicatesInWindow || neverSent > 0 || open > 0) {
                    failures.add("SMS not exactly once: " + smsProblems.subList(0, Math.min(10, smsProblems.size())));
                }
                if (orphan.isEmpty() || !orphanStopped) {
                    failures.add("orphaned PostgreSQL " + orphan + " not stopped by the restart");
                }
                if (ackedAtKill == 0 || inFlightAtKill == 0) {
                    failures.add("the kill did not happen mid-calls");
                }
                report.paragraph(failures.isEmpty() ? "Result: **passed** — every check held"
                        + (duplicatesInWindow == 0 ? "." : ", except exactly-once SMS in the known crash window "
                        + "(KNOWN LIMIT, see docs/reliability.md): " + smsProblems + ".")
                        : "Result: **FAILED** — " + String.join("; ", failures) + ".");
                if (!failures.isEmpty()) {
                    throw new AssertionError(String.join("; ", failures));
                }
            }
        } finally {
            callbacks.shutdownNow();
            twilio.stop();
            new PostgresProcesses(appDir.resolve("postgres")).stopLeftover();
        }
    }

    /** Posts Twilio's status callback for a message, signed as Twilio signs it; false when nobody took it. */
    private static boolean statusCallback(HttpClient http, String url, String sid, String to) {
        Map<String, String> form = new TreeMap<>();
        form.put("AccountSid", LeaderBenchmark.ACCOUNT);
        form.put("From", "+15005550006");
        form.put("MessageSid", sid);
        form.put("MessageStatus", "sent");
        form.put("SmsSid", sid);
        form.put("SmsStatus", "sent");
        form.put("To", to == null ? "" : to);
        StringBuilder body = new StringBuilder();
        StringBuilder signed = new StringBuilder(url);
        form.forEach((k, v) -> {
            body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            signed.append(k).append(v);
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(
                    mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2;
        } catch (Exception e) {
            return false;
        }
    }

    private static Long messageId(String callbackUrl) {
        Matcher m = Pattern.compile("[?&]m=([0-9]+)").matcher(callbackUrl);
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    private static long single(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> counts(String url, String sql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static String secs(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    /** The messages the stand-in accepted, served as Twilio's ListMessageResponse for GET Messages.json?To=…. */
    static final class MessageList implements ResponseDefinitionTransformerV2 {
        static final String NAME = "twilio-message-list";
        private static final java.time.format.DateTimeFormatter RFC_1123 =
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.withZone(java.time.ZoneOffset.UTC);
        private final Map<String, List<String>> byPhone = new ConcurrentHashMap<>();

        void add(String to, String body, String sid) {
            if (to == null || body == null) {
                return;
            }
            String json = "{\"account_sid\": \"" + LeaderBenchmark.ACCOUNT + "\", \"api_version\": \"2010-04-01\", "
                    + "\"body\": " + jsonString(body) + ", \"date_created\": \"" + RFC_1123.format(Instant.now())
                    + "\", \"date_sent\": null, \"date_updated\": null, \"direction\": \"outbound-api\", "
                    + "\"error_code\": null, \"error_message\": null, \"from\": \"+15005550006\", "
                    + "\"messaging_service_sid\": null, \"num_media\": \"0\", \"num_segments\": \"1\", "
                    + "\"price\": null, \"price_unit\": \"USD\", \"sid\": \"" + sid + "\", \"status\": \"sent\", "
                    + "\"subresource_uris\": {}, \"to\": " + jsonString(to) + ", \"uri\": \"/2010-04-01/Accounts/"
                    + LeaderBenchmark.ACCOUNT + "/Messages/" + sid + ".json\"}";
            byPhone.computeIfAbsent(to, k -> java.util.Collections.synchronizedList(new ArrayList<>())).addFirst(json);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var to = event.getRequest().queryParameter("To");
            List<String> messages = to.isPresent() ? byPhone.getOrDefault(to.firstValue(), List.of()) : List.of();
            String list;
            synchronized (messages) {
                list = String.join(", ", messages.subList(0, Math.min(50, messages.size())));
            }
            String uri = event.getRequest().getUrl();
            return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"end\": " + Math.max(0, Math.min(50, messages.size()) - 1) + ", \"first_page_uri\": "
                            + jsonString(uri) + ", \"next_page_uri\": null, \"page\": 0, \"page_size\": 50, "
                            + "\"previous_page_uri\": null, \"start\": 0, \"uri\": " + jsonString(uri)
                            + ", \"messages\": [" + list + "]}")
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }

        private static String jsonString(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
    }

    /**
     * How long a start may take to health UP: 8 minutes, or {@code BENCH_START_TIMEOUT} (ISO-8601, e.g. PT20M) on a
     * shared machine so loaded that the first start's demo data takes longer (the report gives the time it took).
     */
    static Duration startTimeout() {
        String value = System.getenv("BENCH_START_TIMEOUT");
        return value == null || value.isBlank() ? Duration.ofMinutes(8) : Duration.parse(value.strip());
    }
}
