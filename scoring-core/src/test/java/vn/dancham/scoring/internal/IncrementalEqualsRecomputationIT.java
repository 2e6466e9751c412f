package vn.dancham.scoring.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever sequence of dossier, stage, rating and review operations happens, the incrementally maintained
 * aggregates equal a full recomputation from the raw rows. Random operations from fixed seeds (reproducible), with
 * anti-gaming thresholds low enough that supersession, caps, bursts and low clusters all happen.
 */
class IncrementalEqualsRecomputationIT {

    static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    static final String[] PROCEDURES = {"DD-01", "HT-01"};
    static final String[] OFFICES = {"GL-1CUA", "GL-DD", "HH-HT"};
    static final String[] OFFICERS = {"CB-AN", "CB-BINH", "CB-CUONG", "CB-DUNG", null};
    static final String[] QUESTIONS = {"ATTITUDE", "TIMELINESS", "OVERALL"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void randomHistoriesAddUpToTheRecomputation(long seed) {
        Random random = new Random(seed);
        try (ScoringCoreFixture f = ScoringCoreFixture.fresh(ScoringProperties.with(Map.of(
                "anti-gaming.daily-cap", "4",
                "anti-gaming.burst-distinct-dossiers", "3",
                "anti-gaming.low-cluster-count", "3",
                "anti-gaming.low-cluster-window", "48h")), T0.plus(Duration.ofDays(60)))) {
            World w = World.create(f);
            List<Long> dossiers = new ArrayList<>();
            List<String> receipts = new ArrayList<>();
            List<String> callers = List.of("0911000001", "0911000002", "0911000003", "0911000004", "+84911000005");
            List<Long> offices = List.of(w.counterOffice(), w.landOffice(), w.civilOffice());
            for (int step = 0; step < 250; step++) {
                int op = random.nextInt(10);
                // Ratings crowd into a few days so that caps, bursts and low clusters happen.
                Instant at = T0.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(random.nextInt(4 * 24 * 60)));
                if (dossiers.isEmpty() || op == 0) {
                    String receipt = "2026" + (100000 + dossiers.size());
                    String phone = random.nextBoolean() ? callers.get(random.nextInt(callers.size())) : null;
                    Instant received = T0.plus(Duration.ofHours(random.nextInt(30 * 24)));
                    long id = f.registry.upsert(new DossierData(new ReceiptNumber(receipt), pick(random, PROCEDURES),
                            pick(random, OFFICES), OFFICERS[random.nextInt(4)], "Người nộp " + receipt, phone,
                            received, received.plus(Duration.ofDays(10)), null, "IN_PROGRESS")).id();
                    dossiers.add(id);
                    receipts.add(receipt);
                } else if (op <= 2) {
                    // a stage is created or changed (maybe finished, maybe late, maybe another officer)
                    String receipt = receipts.get(random.nextInt(receipts.size()));
                    Instant started = T0.plus(Duration.ofHours(random.nextInt(30 * 24)));
                    Instant finished = random.nextInt(3) == 0 ? null
                            : started.plus(Duration.ofHours(1 + random.nextInt(20 * 24)));
                    f.registry.upsertStage(new StageData(new ReceiptNumber(receipt), 1 + random.nextInt(3),
                            pick(random, OFFICES), pick(random, OFFICERS), "Khâu", started,
                            started.plus(Duration.ofDays(1 + random.nextInt(7))), finished));
                } else if (op == 3) {
                    // the procedure (and so the field) of a dossier changes
                    int i = random.nextInt(dossiers.size());
                    Instant received = T0.plus(Duration.ofHours(random.nextInt(30 * 24)));
                    f.registry.upsert(new DossierData(new ReceiptNumber(receipts.get(i)), pick(random, PROCEDURES),
                            pick(random, OFFICES), OFFICERS[random.nextInt(4)], "Người nộp", null, received,
                            received.plus(Duration.ofDays(10)), null, "IN_PROGRESS"));
                } else if (op == 4) {
                    Long flagged = f.dsl.fetchOptional("SELECT id FROM rating WHERE status = 'FLAGGED' ORDER BY id "
                            + "LIMIT 1").map(r -> r.get(0, Long.class)).orElse(null);
                    if (flagged != null) {
                        f.reviews.review(flagged, random.nextBoolean(), null);
                    }
                } else {
                    boolean office = random.nextInt(6) == 0;
                    String caller = random.nextInt(8) == 0 ? null : callers.get(random.nextInt(callers.size()));
                    f.ratings.record(new RatingSubmission(null,
                            office ? null : dossiers.get(random.nextInt(dossiers.size())),
                            office ? offices.get(random.nextInt(offices.size())) : null,
                            pick(random, QUESTIONS), random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(5), caller, at,
                            RatingSubmission.Channel.PHONE));
                }
            }
            assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating WHERE status = 'SUPERSEDED'"))
                    .as("the history exercised supersession").isPositive();
            assertThat(f.value(Integer.class, "SELECT count(DISTINCT flag_reason)::int FROM rating"))
                    .as("and several kinds of flags").isGreaterThanOrEqualTo(2);
            assertThat(f.officerEvidenceMismatches()).as("the officers' evidence kept through the same history")
                    .isEmpty();

            List<Map<String, Object>> ratingsBefore = nonZero(f, "rating_daily", "n1 + n2 + n3 + n4 + n5");
            List<Map<String, Object>> stagesBefore = nonZero(f, "stage_daily", "finished");
            List<Map<String, Object>> monthlyRatingsBefore = nonZero(f, "rating_monthly", "n1 + n2 + n3 + n4 + n5");
            List<Map<String, Object>> monthlyStagesBefore = nonZero(f, "stage_monthly", "finished");
            f.maintenance.recomputeAll();
            assertThat(nonZero(f, "rating_daily", "n1 + n2 + n3 + n4 + n5")).isEqualTo(ratingsBefore).isNotEmpty();
            assertThat(nonZero(f, "stage_daily", "finished")).isEqualTo(stagesBefore).isNotEmpty();
            assertThat(nonZero(f, "rating_monthly", "n1 + n2 + n3 + n4 + n5")).isEqualTo(monthlyRatingsBefore)
                    .isNotEmpty();
            assertThat(nonZero(f, "stage_monthly", "finished")).isEqualTo(monthlyStagesBefore).isNotEmpty();
        }
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    static List<Map<String, Object>> nonZero(ScoringCoreFixture f, String table, String total) {
        return f.dsl.fetch("SELECT * FROM " + table + " WHERE " + total + " <> 0 ORDER BY 1, 2, 3, 4"
                + (table.startsWith("rating_") ? ", 5" : "")).intoMaps();
    }
}
