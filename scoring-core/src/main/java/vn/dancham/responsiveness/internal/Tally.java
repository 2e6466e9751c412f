package vn.dancham.responsiveness.internal;

import vn.dancham.responsiveness.ResponsivenessReport;
import vn.dancham.responsiveness.ResponsivenessReport.AckTimes;
import vn.dancham.responsiveness.ResponsivenessReport.Alerts;
import vn.dancham.responsiveness.ResponsivenessReport.Calls;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Facts in, figures out: the rings and alerts of a period counted by {@link LeaderAnswerPolicy}, per leader and
 * level and per district. Plain Java, so every figure is checked by hand-made examples.
 */
public final class Tally {

    /** One person rung at one level of one call. */
    public record Ring(long callId, Long unitId, String unitName, int level, String name, String phone,
                       String dialStatus, boolean testCall) {
    }

    /**
     * One leader alerted about one incident: when the first alert reached them, and who took the incident when.
     *
     * @param acknowledgedBy the phone that replied, or a web user, or null
     */
    public record Alert(long incidentId, Long unitId, String unitName, int level, String name, String phone,
                        Instant firstSentAt, String acknowledgedBy, Instant acknowledgedAt) {
    }

    private Tally() {
    }

    public static ResponsivenessReport of(List<Ring> rings, List<Alert> alerts) {
        Map<Key, LeaderAcc> leaders = new LinkedHashMap<>();
        Map<Long, DistrictAcc> districts = new LinkedHashMap<>();
        Set<String> districtRings = new HashSet<>();
        for (Ring r : rings) {
            Calls one = calls(LeaderAnswerPolicy.judge(r.dialStatus(), r.testCall()));
            leaders.computeIfAbsent(new Key(r.phone(), r.level(), r.unitId()),
                    k -> new LeaderAcc(r.name(), r.unitName())).add(one);
            // A level's people are rung together: the district counts that as one call put through, not one per person.
            if (districtRings.add(r.callId() + "/" + r.level())) {
                districts.computeIfAbsent(r.unitId(), k -> new DistrictAcc(r.unitName())).add(one);
            }
        }
        for (Alert a : alerts) {
            leaders.computeIfAbsent(new Key(a.phone(), a.level(), a.unitId()),
                    k -> new LeaderAcc(a.name(), a.unitName())).add(a);
            districts.computeIfAbsent(a.unitId(), k -> new DistrictAcc(a.unitName())).add(a);
        }
        List<ResponsivenessReport.Leader> leaderRows = new ArrayList<>();
        leaders.forEach((k, acc) -> leaderRows.add(new ResponsivenessReport.Leader(acc.name, k.phone, k.level,
                k.unitId, acc.unitName, acc.calls, acc.alerts())));
        leaderRows.sort(Comparator.comparing((ResponsivenessReport.Leader l) -> Objects.toString(l.unitName(), ""))
                .thenComparingInt(ResponsivenessReport.Leader::level)
                .thenComparing(ResponsivenessReport.Leader::name));
        List<ResponsivenessReport.District> districtRows = new ArrayList<>();
        districts.forEach((id, acc) -> districtRows.add(
                new ResponsivenessReport.District(id, acc.unitName, acc.calls, acc.alerts())));
        districtRows.sort(Comparator.comparing(d -> Objects.toString(d.unitName(), "")));
        return new ResponsivenessReport(districtRows, leaderRows);
    }

    /**
     * Whether a district's week is a concern: at least {@code minCalls} counted calls and an answered share below
     * {@code minShare} (a share exactly at the line is not below it).
     */
    public static boolean unanswered(Calls calls, BigDecimal minShare, int minCalls) {
        return calls.counted() >= minCalls && BigDecimal.valueOf(calls.answered())
                .compareTo(minShare.multiply(BigDecimal.valueOf(calls.counted()))) < 0;
    }

    /** Median, 90th percentile by nearest rank, and max, of times to acknowledge. */
    public static AckTimes times(List<Duration> durations) {
        if (durations.isEmpty()) {
            return AckTimes.NONE;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int n = sorted.size();
        Duration median = n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        Duration p90 = sorted.get((int) Math.ceil(0.9 * n) - 1);
        return new AckTimes(n, median, p90, sorted.getLast());
    }

    private static Calls calls(LeaderAnswerPolicy.Reason reason) {
        return switch (reason.outcome()) {
            case ANSWERED -> new Calls(1, 1, 0, 0);
            case MISSED -> new Calls(1, 0, 1, 0);
            case NOT_COUNTED -> new Calls(1, 0, 0, 1);
        };
    }

    private record Key(String phone, int level, Long unitId) {
    }

    private static class AlertAcc {
        int sent;
        int acknowledged;
        int byOthers;
        final List<Duration> times = new ArrayList<>();

        void add(Alert a) {
            sent++;
            if (a.acknowledgedAt() == null) {
                return;
            }
            if (a.phone().equals(a.acknowledgedBy())) {
                acknowledged++;
                // A reply cannot come before the alert; a clock step between nodes must not make a negative time.
                Duration t = Duration.between(a.firstSentAt(), a.acknowledgedAt());
                times.add(t.isNegative() ? Duration.ZERO : t);
            } else {
                byOthers++;
            }
        }

        Alerts alerts() {
            return new Alerts(sent, acknowledged, byOthers, times(times));
        }
    }

    private static final class LeaderAcc extends AlertAcc {
        final String name;
        final String unitName;
        Calls calls = Calls.NONE;

        LeaderAcc(String name, String unitName) {
            this.name = name;
            this.unitName = unitName;
        }

        void add(Calls c) {
            calls = calls.plus(c);
        }
    }

    private static final class DistrictAcc extends AlertAcc {
        final String unitName;
        Calls calls = Calls.NONE;

        DistrictAcc(String unitName) {
            this.unitName = unitName;
        }

        void add(Calls c) {
            calls = calls.plus(c);
        }
    }
}
