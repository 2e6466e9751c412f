package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.internal.ScoreCalculator.ComplaintCell;
import vn.dancham.scoring.internal.ScoreCalculator.Inputs;
import vn.dancham.scoring.internal.ScoreCalculator.RatingCell;
import vn.dancham.scoring.internal.ScoreCalculator.StageCell;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the calculator needs for many subjects of one type at once: the per-day aggregates (summed over the
 * period in SQL when time decay is off), complaint counts, names and league-table members.
 */
final class ScoreReader {

    /** Each complaint's subjects, like a rating's: its officer, office (the officer's when not given), units, field. */
    private static final String COMPLAINT_SUBJECTS = """
            SELECT s.subject_id, (c.created_at AT TIME ZONE ?)::date AS day, c.kind, count(*) AS n
            FROM complaint c
            LEFT JOIN officer f ON f.id = c.officer_id
            CROSS JOIN LATERAL (
                SELECT 'OFFICER' AS subject_type, c.officer_id AS subject_id WHERE c.officer_id IS NOT NULL
                UNION
                SELECT 'OFFICE', coalesce(c.office_id, f.office_id) WHERE coalesce(c.office_id, f.office_id) IS NOT NULL
                UNION
                SELECT 'UNIT', ou.unit_id FROM office_unit ou WHERE ou.office_id = coalesce(c.office_id, f.office_id)
                UNION
                SELECT 'FIELD', p.field_id FROM dossier d JOIN procedure p ON p.id = d.procedure_id
                WHERE d.id = c.dossier_id
            ) s
            WHERE c.kind IN ('COMPLAINT', 'HARASSMENT') AND NOT c.test
              AND c.created_at >= ?::timestamptz AND c.created_at < ?::timestamptz
              AND s.subject_type = ? %s
            GROUP BY 1, 2, 3
            """;

    private final DSLContext dsl;
    private final ZoneId zone;
    private final boolean decay;

    ScoreReader(DSLContext dsl, ScoringProperties properties) {
        this.dsl = dsl;
        this.zone = properties.zone();
        this.decay = !properties.model().halfLife().isZero() && !properties.model().halfLife().isNegative();
    }

    /**
     * Inputs per subject id for the given ids, or for every subject of the type with data in the period when
     * {@code ids} is null.
     */
    Map<Long, Inputs> load(Subject.Type type, Collection<Long> ids, Period period) {
        Map<Long, List<RatingCell>> ratings = new HashMap<>();
        Map<Long, List<StageCell>> stages = new HashMap<>();
        Map<Long, List<ComplaintCell>> complaints = new HashMap<>();
        List<Object> bind = new ArrayList<>(List.of(type.name(), period.from(), period.to()));
        String filter = "";
        if (ids != null) {
            if (ids.isEmpty()) {
                return Map.of();
            }
            filter = " AND subject_id = ANY(?::bigint[])";
            bind.add(ids.toArray(Long[]::new));
        }
        if (decay) {
            // Decay weighs each day: read the daily rows.
            for (Record r : dsl.fetch("SELECT subject_id, day, criterion, identity, sum(n1), sum(n2), sum(n3), "
                    + "sum(n4), sum(n5) FROM rating_daily WHERE subject_type = ? AND day >= ?::date AND day < ?::date"
                    + filter + " GROUP BY 1, 2, 3, 4", bind.toArray())) {
                addRating(ratings, r);
            }
            for (Record r : dsl.fetch("SELECT subject_id, day, sum(finished), sum(late) FROM stage_daily "
                    + "WHERE subject_type = ? AND day >= ?::date AND day < ?::date" + filter + " GROUP BY 1, 2",
                    bind.toArray())) {
                addStage(stages, r);
            }
        } else {
            // Whole months from the monthly roll-ups, the partial months at the edges from the daily rows.
            LocalDate firstMonth = period.from().getDayOfMonth() == 1 ? period.from()
                    : period.from().withDayOfMonth(1).plusMonths(1);
            LocalDate endMonth = period.to().withDayOfMonth(1);
            if (!firstMonth.isBefore(endMonth)) {
                firstMonth = period.to();
                endMonth = period.to();
            }
            List<Object> split = new ArrayList<>();
            split.add(period.lastDay());
            split.addAll(List.of(type.name(), period.from(), firstMonth, endMonth, period.to()));
            if (ids != null) {
                split.add(ids.toArray(Long[]::new));
            }
            split.addAll(List.of(type.name(), firstMonth, endMonth));
            if (ids != null) {
                split.add(ids.toArray(Long[]::new));
            }
            String daily = " WHERE subject_type = ? AND ((day >= ?::date AND day < ?::date) OR (day >= ?::date AND "
                    + "day < ?::date))" + filter;
            String monthly = " WHERE subject_type = ? AND month >= ?::date AND month < ?::date" + filter;
            for (Record r : dsl.fetch("SELECT subject_id, ?::date, criterion, identity, sum(n1), sum(n2), sum(n3), "
                    + "sum(n4), sum(n5) FROM (SELECT subject_id, criterion, identity, n1, n2, n3, n4, n5 "
                    + "FROM rating_daily" + daily + " UNION ALL SELECT subject_id, criterion, identity, n1, n2, n3, "
                    + "n4, n5 FROM rating_monthly" + monthly + ") x GROUP BY 1, 2, 3, 4", split.toArray())) {
                addRating(ratings, r);
            }
            for (Record r : dsl.fetch("SELECT subject_id, ?::date, sum(finished), sum(late) FROM (SELECT subject_id, "
                    + "finished, late FROM stage_daily" + daily + " UNION ALL SELECT subject_id, finished, late "
                    + "FROM stage_monthly" + monthly + ") x GROUP BY 1, 2", split.toArray())) {
                addStage(stages, r);
            }
        }
        List<Object> complaintBind = new ArrayList<>(List.of(zone.getId(), start(period.from()), start(period.to()),
                type.name()));
        if (ids != null) {
            complaintBind.add(ids.toArray(Long[]::new));
        }
        for (Record r : dsl.fetch(COMPLAINT_SUBJECTS.formatted(ids != null ? "AND s.subject_id = ANY(?::bigint[])" : ""),
                complaintBind.toArray())) {
            complaints.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>()).add(new ComplaintCell(
                    r.get(1, LocalDate.class), r.get(2, String.class), r.get(3, Integer.class)));
        }
        Set<Long> all = new LinkedHashSet<>();
        if (ids != null) {
            all.addAll(ids);
        }
        all.addAll(ratings.keySet());
        all.addAll(stages.keySet());
        all.addAll(complaints.keySet());
        Map<Long, Inputs> result = new HashMap<>();
        for (Long id : all) {
            result.put(id, new Inputs(ratings.getOrDefault(id, List.of()), stages.getOrDefault(id, List.of()),
                    complaints.getOrDefault(id, List.of())));
        }
        return result;
    }

    private static void addRating(Map<Long, List<RatingCell>> ratings, Record r) {
        ratings.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>()).add(new RatingCell(
                r.get(1, LocalDate.class), r.get(2, String.class), r.get(3, String.class), r.get(4, Integer.class),
                r.get(5, Integer.class), r.get(6, Integer.class), r.get(7, Integer.class), r.get(8, Integer.class)));
    }

    private static void addStage(Map<Long, List<StageCell>> stages, Record r) {
        stages.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>()).add(new StageCell(
                r.get(1, LocalDate.class), r.get(2, Integer.class), r.get(3, Integer.class)));
    }

    Map<Long, String> names(Subject.Type type, Collection<Long> ids) {
        String table = switch (type) {
            case OFFICER -> "SELECT id, full_name FROM officer";
            case OFFICE -> "SELECT id, name FROM office";
            case UNIT -> "SELECT id, name FROM admin_unit";
            case FIELD -> "SELECT id, name FROM procedure_field";
        };
        Map<Long, String> names = new HashMap<>();
        dsl.fetch(table + " WHERE id = ANY(?::bigint[])", (Object) ids.toArray(Long[]::new))
                .forEach(r -> names.put(r.get(0, Long.class), r.get(1, String.class)));
        return names;
    }

    List<Long> members(LeaderboardTable table) {
        String sql = switch (table.kind()) {
            case OFFICERS_IN_OFFICE -> "SELECT id FROM officer WHERE office_id = ? AND active ORDER BY id";
            case OFFICERS_IN_UNIT -> "SELECT f.id FROM officer f JOIN office_unit ou ON ou.office_id = f.office_id "
                    + "WHERE ou.unit_id = ? AND f.active ORDER BY f.id";
            case OFFICES_IN_UNIT -> "SELECT o.id FROM office o JOIN office_unit ou ON ou.office_id = o.id "
                    + "WHERE ou.unit_id = ? AND o.active ORDER BY o.id";
            case UNITS_IN_UNIT -> "SELECT id FROM admin_unit WHERE parent_id = ? ORDER BY id";
            case FIELDS -> "SELECT id FROM procedure_field ORDER BY id";
        };
        return table.parentId() == null ? dsl.fetch(sql).getValues(0, Long.class)
                : dsl.fetch(sql, table.parentId()).getValues(0, Long.class);
    }

    OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
