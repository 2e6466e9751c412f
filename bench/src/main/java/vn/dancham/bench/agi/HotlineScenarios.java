package vn.dancham.bench.agi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The calls citizens make on the hotline (issue 3's menu: 1 status, 2 rating, 3 harassment report, 4 recorded
 * complaint, 0 leader on duty), with real receipt numbers and applicants' phones taken from the demo data, mixed
 * in the proportions a province's hotline sees: mostly status questions and ratings.
 */
public final class HotlineScenarios {

    /** The prompt the hotline plays when something failed behind it ("please call again later"). */
    public static final String FAILURE_PROMPT = "sorry-later";

    /** Scenario → share of calls, in percent. */
    public static final Map<String, Integer> MIX = mix();

    private final List<String[]> dossiers;
    private final List<String> officeDialCodes;

    private HotlineScenarios(List<String[]> dossiers, List<String> officeDialCodes) {
        this.dossiers = dossiers;
        this.officeDialCodes = officeDialCodes;
    }

    private static Map<String, Integer> mix() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("status", 45);
        m.put("rating", 35);
        m.put("complaint", 10);
        m.put("harassment", 5);
        m.put("leader", 5);
        return m;
    }

    /** Reads up to 500 dossiers (receipt number, applicant phone) from the application's database. */
    public static HotlineScenarios fromDatabase(String jdbcUrl) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     """
                     SELECT d.receipt_no, d.applicant_phone FROM dossier d JOIN office o ON o.id = d.receiving_office_id
                     WHERE o.code NOT LIKE 'BENCH-%' ORDER BY d.id LIMIT 500""")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        List<String> dialCodes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT dial_code FROM office WHERE active AND code NOT LIKE 'BENCH-%' ORDER BY id")) {
            while (rs.next()) {
                dialCodes.add(rs.getString(1));
            }
        }
        if (rows.isEmpty() || dialCodes.isEmpty()) {
            throw new IllegalStateException("No dossiers or offices in " + jdbcUrl + ": was the demo data loaded?");
        }
        return new HotlineScenarios(rows, dialCodes);
    }

    /** A call of the given scenario with a random dossier; about half the callers are the applicant (verified). */
    public CallPlan plan(String scenario) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String[] dossier = dossiers.get(random.nextInt(dossiers.size()));
        String caller = dossier[1] != null && random.nextBoolean() ? dossier[1] : randomMobile(random);
        return plan(scenario, dossier, caller);
    }

    /** A call of the given scenario with a random dossier, from the given number (not the applicant's, as a rule). */
    public CallPlan plan(String scenario, String caller) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return plan(scenario, dossiers.get(random.nextInt(dossiers.size())), caller);
    }

    private CallPlan plan(String scenario, String[] dossier, String caller) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String receipt = dossier[0];
        String keys = switch (scenario) {
            // menu 1, receipt #, confirm 1; then the status is read and the caller hangs up at the next menu
            case "status" -> "1" + receipt + "#1";
            // menu 2, by receipt 1, receipt #, confirm 1, [the applicant's last four digits #], attitude/timeliness/
            // overall
            case "rating" -> "21" + receipt + "#1" + knownDigits(dossier[1], caller) + random.nextInt(1, 6)
                    + random.nextInt(1, 6) + random.nextInt(1, 6);
            // menu 4, record until #, 2 = send
            case "complaint" -> "4#2";
            // menu 3, receipt (optional) # and confirm, record until #
            case "harassment" -> "3" + receipt + "#1#";
            // menu 0, the office's dial code #: put through to the leader on duty (Dial answers ANSWER)
            case "leader" -> "0" + officeDialCodes.get(random.nextInt(officeDialCodes.size())) + "#";
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
        return new CallPlan(scenario, "hotline", caller, keys, FAILURE_PROMPT, Map.of());
    }

    /**
     * The knowledge check (anti-gaming, on by default): a caller who is not the applicant of a dossier with a phone
     * number is asked for that phone's last four digits before the questions. A relative calling for the applicant
     * knows them. Without these keys the first answer would be taken as the digits and the call would go wrong.
     */
    private static String knownDigits(String applicantPhone, String caller) {
        if (applicantPhone == null || applicantPhone.length() < 4 || applicantPhone.equals(caller)) {
            return "";
        }
        return applicantPhone.substring(applicantPhone.length() - 4) + "#";
    }

    /** Calls in the proportions of {@link #MIX}. */
    public Supplier<CallPlan> mixed() {
        return () -> plan(pick());
    }

    /**
     * The same mix against the bare baseline, which replays each scenario's recorded commands: the same caller
     * keys, so the caller answers the replayed commands exactly as it answered ours.
     */
    public Supplier<CallPlan> bareMixed() {
        return () -> bare(plan(pick()));
    }

    public static CallPlan bare(CallPlan plan) {
        return new CallPlan(plan.scenario(), "bare?scenario=" + plan.scenario(), plan.callerId(), plan.keys(), null,
                plan.variables());
    }

    private static String pick() {
        int r = ThreadLocalRandom.current().nextInt(100);
        for (var e : MIX.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        return "status";
    }

    private static String randomMobile(ThreadLocalRandom random) {
        return "09" + String.format("%08d", random.nextInt(100_000_000));
    }
}
