package vn.dancham.rating.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingReceipt.Outcome;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.RatingSubmission.Channel;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RatingsIT {

    static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");
    static final String APPLICANT = "0912345678";

    ScoringCoreFixture f;
    World w;

    void start(Map<String, String> overrides) {
        f = ScoringCoreFixture.fresh(ScoringProperties.with(overrides), T0.plus(Duration.ofDays(20)));
        w = World.create(f);
    }

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    static Instant day(double d) {
        return T0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    /** A land dossier received by the counter officer, held 4 days late by the specialist. */
    long lateDossier(String receipt) {
        ReceiptNumber r = new ReceiptNumber(receipt);
        long id = f.registry.upsert(new DossierData(r, "DD-01", "GL-1CUA", "CB-AN", "Hoàng Văn Em", APPLICANT,
                day(0), day(10), day(14), "RETURNED")).id();
        f.registry.upsertStage(new StageData(r, 1, "GL-1CUA", "CB-AN", "Tiếp nhận", day(0), day(1), day(0.5)));
        f.registry.upsertStage(new StageData(r, 2, "GL-DD", "CB-BINH", "Thẩm định", day(0.5), day(9), day(13)));
        f.registry.upsertStage(new StageData(r, 3, "GL-DD", "CB-CUONG", "Trình ký", day(13), day(14), day(14)));
        return id;
    }

    RatingReceipt rate(long dossierId, String question, int value, String caller, Instant at) {
        return f.ratings.record(new RatingSubmission(null, dossierId, null, question, value, caller, at, Channel.PHONE));
    }

    /** A caller who is not the applicant but typed the last 4 digits of the applicant's phone (KNOWN). */
    RatingReceipt rateKnowing(long dossierId, String question, int value, String caller, Instant at) {
        return f.ratings.record(new RatingSubmission(null, dossierId, null, question, value, caller, at, Channel.PHONE,
                null, APPLICANT.substring(6), false));
    }

    int count(String type, long id, String criterion) {
        return f.value(Integer.class, "SELECT coalesce(sum(n1 + n2 + n3 + n4 + n5), 0)::int FROM rating_daily "
                + "WHERE subject_type = ? AND subject_id = ? AND criterion = ?", type, id, criterion);
    }

    String status(long ratingId) {
        return f.value(String.class, "SELECT status || coalesce(':' || flag_reason, '') FROM rating WHERE id = ?", ratingId);
    }

    @Test
    void defaultQuestionsAreSeededInOrder() {
        start(Map.of());
        assertThat(f.ratings.activeQuestions()).extracting(RatingQuestion::code)
                .containsExactly("ATTITUDE", "TIMELINESS", "OVERALL");
        assertThat(f.ratings.activeQuestions()).allSatisfy(q -> {
            assertThat(q.promptVi()).isNotBlank();
            assertThat(q.promptEn()).isNotBlank();
        });
    }

    @Test
    void aVerifiedCallIsAttributedByCriterionAndCountedInTheAggregatesAtOnce() {
        start(Map.of());
        long dossier = lateDossier("2026001234");
        assertThat(rate(dossier, "ATTITUDE", 5, "+84912345678", day(15)))
                .extracting(RatingReceipt::outcome, RatingReceipt::verified).containsExactly(Outcome.COUNTED, true);
        rate(dossier, "TIMELINESS", 1, "+84912345678", day(15));
        rate(dossier, "OVERALL", 3, "+84912345678", day(15));

        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(1);
        assertThat(count("OFFICER", w.counterOfficer(), "TIMELINESS")).as("the counter was on time").isZero();
        assertThat(count("OFFICER", w.specialist(), "TIMELINESS")).as("the late specialist answers").isEqualTo(1);
        assertThat(count("OFFICER", w.specialist2(), "TIMELINESS")).isZero();
        assertThat(count("OFFICE", w.landOffice(), "TIMELINESS")).isEqualTo(1);
        assertThat(count("OFFICE", w.counterOffice(), "OVERALL")).isEqualTo(1);
        assertThat(count("UNIT", w.gioLinh(), "ATTITUDE")).isEqualTo(1);
        assertThat(count("UNIT", w.province(), "OVERALL")).isEqualTo(1);
        assertThat(count("FIELD", w.landField(), "TIMELINESS")).isEqualTo(1);
        assertThat(f.value(String.class, "SELECT identity FROM rating WHERE criterion = 'TIMELINESS'"))
                .isEqualTo("VERIFIED");
        assertThat(f.value(Integer.class, "SELECT n1 FROM rating_daily WHERE subject_type = 'OFFICER' AND subject_id = ? "
                + "AND criterion = 'TIMELINESS' AND identity = 'VERIFIED'", w.specialist()))
                .isEqualTo(1);
    }

    @Test
    void anAnswerReplayedUnderTheSameKeyIsStoredAndCountedOnce() {
        start(Map.of());
        long dossier = lateDossier("2026001235");
        RatingSubmission answer = new RatingSubmission(null, dossier, null, "ATTITUDE", 4, APPLICANT, day(15),
                Channel.PHONE, "1700000000.1/9c1e");
        RatingReceipt first = f.ratings.record(answer);
        RatingReceipt again = f.ratings.record(answer);
        assertThat(again).isEqualTo(first);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isEqualTo(1);
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(1);
        assertThat(status(first.ratingId())).as("not superseded by its own replay").isEqualTo("COUNTED");
    }

    @Test
    void otherAndWithheldNumbersAreNotVerified() {
        start(Map.of());
        long dossier = lateDossier("2026001234");
        assertThat(rate(dossier, "ATTITUDE", 4, "0987654321", day(15)).verified()).isFalse();
        assertThat(rate(dossier, "OVERALL", 4, null, day(15)).verified()).isFalse();
        assertThat(f.strings("SELECT identity FROM rating ORDER BY id"))
                .containsExactly("UNVERIFIED", "WITHHELD");
    }

    @Test
    void reRatingTheSameDossierSupersedesTheEarlierAnswerAndKeepsIt() {
        start(Map.of());
        long dossier = lateDossier("2026001234");
        RatingReceipt first = rate(dossier, "ATTITUDE", 2, APPLICANT, day(15));
        RatingReceipt second = rate(dossier, "ATTITUDE", 5, "84912345678", day(16));
        assertThat(status(first.ratingId())).isEqualTo("SUPERSEDED");
        assertThat(f.value(Long.class, "SELECT superseded_by FROM rating WHERE id = ?", first.ratingId()))
                .isEqualTo(second.ratingId());
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(1);
        assertThat(f.value(Integer.class, "SELECT sum(n5) FROM rating_daily WHERE subject_type = 'OFFICER' "
                + "AND subject_id = ?", w.counterOfficer())).isEqualTo(1);
        // Another caller's answer does not replace it.
        rate(dossier, "ATTITUDE", 3, "0987654321", day(16));
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(2);
    }

    /**
     * The latest answer *given* stands: an answer applied after one the caller gave later (a journal replayed after
     * an outage, an answer set aside and sent again by HR) is kept, replaced at once, and replaces nothing. On the
     * code before this rule the late 1 replaced the caller's newer 5 and raised a lowest-attitude alert.
     */
    @Test
    void anAnswerAppliedLateDoesNotReplaceTheNewerAnswerTheCallerGave() {
        start(Map.of());
        long dossier = lateDossier("2026001234");
        RatingReceipt first = rate(dossier, "ATTITUDE", 3, APPLICANT, day(15));
        RatingReceipt newer = rate(dossier, "ATTITUDE", 5, APPLICANT, day(16));
        f.events.clear();

        RatingReceipt late = rate(dossier, "ATTITUDE", 1, APPLICANT, day(15.5));

        assertThat(late.outcome()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(status(late.ratingId())).isEqualTo("SUPERSEDED");
        assertThat(f.value(Long.class, "SELECT superseded_by FROM rating WHERE id = ?", late.ratingId()))
                .isEqualTo(newer.ratingId());
        assertThat(status(newer.ratingId())).as("the newer answer still counts").isEqualTo("COUNTED");
        assertThat(f.value(Long.class, "SELECT superseded_by FROM rating WHERE id = ?", first.ratingId()))
                .isEqualTo(newer.ratingId());
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(1);
        assertThat(f.value(Integer.class, "SELECT sum(n5)::int FROM rating_daily WHERE subject_type = 'OFFICER' "
                + "AND subject_id = ? AND criterion = 'ATTITUDE'", w.counterOfficer())).isEqualTo(1);
        assertThat(f.events).as("no alert for an answer the caller replaced").isEmpty();

        // An answer given after the newest one still replaces it, as always.
        RatingReceipt latest = rate(dossier, "ATTITUDE", 2, APPLICANT, day(17));
        assertThat(latest.outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(status(newer.ratingId())).isEqualTo("SUPERSEDED");
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(1);
    }

    @Test
    void ratingsOverTheDailyCapAreStoredButHeldOut() {
        start(Map.of("anti-gaming.daily-cap", "2"));
        long d1 = lateDossier("2026000001");
        long d2 = lateDossier("2026000002");
        assertThat(rate(d1, "ATTITUDE", 5, "0987654321", day(15)).outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(rate(d1, "OVERALL", 5, "0987654321", day(15)).outcome()).isEqualTo(Outcome.COUNTED);
        RatingReceipt third = rate(d2, "ATTITUDE", 5, "0987654321", day(15));
        assertThat(third.outcome()).isEqualTo(Outcome.CAPPED);
        assertThat(status(third.ratingId())).isEqualTo("FLAGGED:DAILY_CAP");
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(1);
        // Re-rating replaces rather than adds, so it is not capped; the next local day starts afresh.
        assertThat(rate(d1, "ATTITUDE", 4, "0987654321", day(15.01)).outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(rate(d2, "OVERALL", 5, "0987654321", day(16)).outcome()).isEqualTo(Outcome.COUNTED);
    }

    @Test
    void aBurstIsCountedOnDossiersAndHoldsTheCallersOtherAnswersInTheWindow() {
        start(Map.of("anti-gaming.burst-distinct-dossiers", "3", "anti-gaming.burst-window", "30m"));
        long first = lateDossier("2026001234");
        long second = lateDossier("2026001235");
        // One late dossier's timeliness answer reaches several officers: that alone is no burst.
        assertThat(rate(first, "ATTITUDE", 1, APPLICANT, day(15)).outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(rate(first, "TIMELINESS", 1, APPLICANT, day(15)).outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(rate(second, "OVERALL", 1, APPLICANT, day(15).plusSeconds(300)).outcome())
                .isEqualTo(Outcome.COUNTED);
        f.events.clear();
        long third = lateDossier("2026001236");
        RatingReceipt r = rate(third, "OVERALL", 1, APPLICANT, day(15).plusSeconds(600));
        assertThat(r.outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(f.strings("SELECT status || ':' || flag_reason FROM rating ORDER BY id"))
                .containsOnly("FLAGGED:BURST");
        assertThat(f.dsl.fetchValue("SELECT cardinality(flag_evidence) FROM rating WHERE id = ?", r.ratingId()))
                .as("the held answer names the three it was grouped with").isEqualTo(3);
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isZero();
        assertThat(count("OFFICER", w.specialist(), "TIMELINESS")).isZero();
        assertThat(f.events).as("a held rating raises no alarm").noneMatch(ConcernRaised.class::isInstance);
        assertThat(f.events).as("the answers taken out are announced, so alerts on them are withdrawn")
                .containsExactly(new vn.dancham.rating.RatingsHeld(List.of(1L, 2L, 3L), "BURST"));
    }

    @Test
    void aSecondLowAnswerAboutOneOfficerFromAnotherCallerWhoIsNotTheApplicantIsHeld() {
        start(Map.of());
        long d1 = lateDossier("2026001234");
        long d2 = lateDossier("2026001235");
        assertThat(rateKnowing(d1, "ATTITUDE", 1, "0900000001", day(15)).outcome()).isEqualTo(Outcome.COUNTED);
        // The applicant's own low answer is never part of a pattern.
        assertThat(rate(d1, "ATTITUDE", 1, APPLICANT, day(15.06)).outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(rateKnowing(d2, "ATTITUDE", 2, "0900000002", day(15.1)).outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(f.strings("SELECT status || coalesce(':' || flag_reason, '') FROM rating ORDER BY id"))
                .containsExactly("COUNTED", "COUNTED", "FLAGGED:LOW_CLUSTER");
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(2);
    }

    @Test
    void aStrangersLowAttitudeAnswerWaitsForHrButALateStageIsBorneOutByTheRecord() {
        start(Map.of());
        long d1 = lateDossier("2026001234");
        assertThat(status(rate(d1, "ATTITUDE", 1, "0900000001", day(15)).ratingId()))
                .isEqualTo("FLAGGED:ANONYMOUS_LOW");
        // The specialist's stage did overrun: the record bears the low timeliness answer out.
        assertThat(rate(d1, "TIMELINESS", 1, "0900000001", day(15)).outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(count("OFFICER", w.specialist(), "TIMELINESS")).isEqualTo(1);
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isZero();
    }

    @Test
    void aSecondAnonymousCallerAboutTheSameDossierIsHeld() {
        start(Map.of());
        long d1 = lateDossier("2026001234");
        assertThat(rate(d1, "OVERALL", 4, "0900000001", day(15)).outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(rate(d1, "OVERALL", 2, "0900000002", day(15.01)).outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(rate(d1, "OVERALL", 2, null, day(15.02)).outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(f.strings("SELECT coalesce(flag_reason, status) FROM rating ORDER BY id"))
                .containsExactly("COUNTED", "DOSSIER_CALLERS", "DOSSIER_CALLERS");
    }

    @Test
    void withheldAnswersAboutOneDossierDoNotAddUpAcrossCalls() {
        start(Map.of());
        long d1 = lateDossier("2026001234");
        for (int call = 0; call < 5; call++) {
            rate(d1, "OVERALL", 4, null, day(15 + call * 0.001));
        }
        assertThat(f.strings("SELECT status FROM rating ORDER BY id"))
                .containsExactly("SUPERSEDED", "SUPERSEDED", "SUPERSEDED", "SUPERSEDED", "COUNTED");
        assertThat(count("OFFICE", w.counterOffice(), "OVERALL")).isEqualTo(1);
    }

    @Test
    void anHrValidDecisionSticksForThatCallerAndDossier() {
        start(Map.of());
        long d1 = lateDossier("2026001234");
        long d2 = lateDossier("2026001235");
        rateKnowing(d1, "ATTITUDE", 2, "0900000001", day(15));
        RatingReceipt held = rateKnowing(d2, "ATTITUDE", 2, "0900000002", day(15.01));
        assertThat(held.outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(f.reviews.review(held.ratingId(), true, null)).isEqualTo(vn.dancham.rating.RatingReview.Result.COUNTED);
        // The cleared caller re-rates the same dossier later: not pulled into a cluster with the first caller's.
        assertThat(rateKnowing(d2, "ATTITUDE", 1, "0900000002", day(15.2)).outcome()).isEqualTo(Outcome.COUNTED);
        // Whereas a third caller is, with the first caller's answer (not the cleared one) as the evidence.
        long d3 = lateDossier("2026001236");
        RatingReceipt third = rateKnowing(d3, "ATTITUDE", 1, "0900000003", day(15.3));
        assertThat(third.outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(f.strings("SELECT unnest(flag_evidence)::text FROM rating WHERE id = ?", third.ratingId()))
                .containsExactly(f.value(String.class, "SELECT id::text FROM rating WHERE caller_number = '0900000001'"));
    }

    @Test
    void theLowestAttitudeRatingRaisesAConcernAboutTheCounterOfficer() {
        start(Map.of());
        long dossier = lateDossier("2026001234");
        rate(dossier, "ATTITUDE", 2, APPLICANT, day(15));
        assertThat(f.events).isEmpty();
        rate(dossier, "ATTITUDE", 1, APPLICANT, day(15.1));
        assertThat(f.events).singleElement().isInstanceOfSatisfying(ConcernRaised.class, c -> {
            assertThat(c.kind()).isEqualTo(ConcernRaised.Kind.LOWEST_ATTITUDE);
            assertThat(c.subjectType()).isEqualTo("OFFICER");
            assertThat(c.subjectId()).isEqualTo(w.counterOfficer());
            assertThat(c.subjectName()).isEqualTo("Nguyễn Văn An");
            assertThat(c.officeId()).isEqualTo(w.counterOffice());
            assertThat(c.adminUnitId()).isEqualTo(w.gioLinh());
            assertThat(c.detail().code()).isEqualTo("concern.detail.LOWEST_ATTITUDE.dossier");
            assertThat(c.detail().args()).contains("2026001234");
        });
    }

    @Test
    void anOfficeCanBeRatedWithoutADossier() {
        start(Map.of());
        RatingReceipt r = f.ratings.record(new RatingSubmission(null, null, w.civilOffice(), "OVERALL", 4,
                "0987654321", day(15), Channel.PHONE));
        assertThat(r.outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(count("OFFICE", w.civilOffice(), "OVERALL")).isEqualTo(1);
        assertThat(count("UNIT", w.huongHoa(), "OVERALL")).isEqualTo(1);
        assertThatThrownBy(() -> f.ratings.record(new RatingSubmission(null, null, w.civilOffice(), "NO_SUCH", 4,
                null, day(15), Channel.PHONE))).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.dsl.fetchCount(f.dsl.selectFrom("rating"))).isEqualTo(1);
    }

    @Test
    void recomputationEqualsTheIncrementalAggregates() {
        start(Map.of("anti-gaming.low-cluster-count", "3"));
        long dossier = lateDossier("2026001234");
        for (int i = 0; i < 5; i++) {
            rate(dossier, "ATTITUDE", 1, "090000000" + i, day(15 + i * 0.01));
            rate(dossier, "TIMELINESS", 2 + i % 4, APPLICANT, day(15 + i * 0.01));
        }
        List<?> incremental = f.dsl.fetch("SELECT * FROM rating_daily WHERE n1 + n2 + n3 + n4 + n5 > 0 "
                + "ORDER BY 1, 2, 3, 4, 5").intoMaps();
        f.maintenance.recomputeAll();
        assertThat(f.dsl.fetch("SELECT * FROM rating_daily ORDER BY 1, 2, 3, 4, 5").intoMaps())
                .isEqualTo(incremental).isNotEmpty();
    }
    @Test
    void concurrentRatingsOfTheSameOfficesNeitherFailNorMiscount() throws Exception {
        start(Map.of());
        List<Long> dossiers = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            dossiers.add(lateDossier("202600" + (1000 + i)));
        }
        String[] questions = {"ATTITUDE", "TIMELINESS", "OVERALL"};
        int threads = 8;
        int perThread = 60;
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.submit(() -> {
                    java.util.Random random = new java.util.Random(thread);
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        try {
                            // Few callers over few dossiers: many answers supersede earlier ones (subtract, add),
                            // the pattern that made two transactions wait for each other.
                            rate(dossiers.get(random.nextInt(dossiers.size())), questions[random.nextInt(3)],
                                    1 + random.nextInt(5), "09000000" + (10 + random.nextInt(12)),
                                    day(15 + random.nextInt(1000) / 10_000.0));
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(failures).isEmpty();
        assertThat(f.dsl.fetchCount(f.dsl.selectFrom("rating"))).isEqualTo(threads * perThread);
        List<?> incremental = f.dsl.fetch("SELECT * FROM rating_daily WHERE n1 + n2 + n3 + n4 + n5 > 0 "
                + "ORDER BY 1, 2, 3, 4, 5").intoMaps();
        f.maintenance.recomputeAll();
        assertThat(f.dsl.fetch("SELECT * FROM rating_daily ORDER BY 1, 2, 3, 4, 5").intoMaps())
                .isEqualTo(incremental).isNotEmpty();
    }

    @Test
    void onlyDeadlocksAndSerializationFailuresCountAsLockConflicts() {
        assertThat(RatingRecorder.isLockConflict(new RuntimeException(new java.sql.SQLException("x", "40P01"))))
                .isTrue();
        assertThat(RatingRecorder.isLockConflict(new RuntimeException(new java.sql.SQLException("x", "40001"))))
                .isTrue();
        assertThat(RatingRecorder.isLockConflict(new RuntimeException(new java.sql.SQLException("x", "23505"))))
                .isFalse();
        assertThat(RatingRecorder.isLockConflict(new IllegalArgumentException("unknown question"))).isFalse();
    }
    @Test
    void aDeadlockVictimIsRetriedAndCountedOnce() {
        // PostgreSQL picks the victim of a real deadlock at random, so inject the very failure it reports
        // (SQLSTATE 40P01) into the aggregate update of the first attempt, inside the real transaction.
        java.util.concurrent.atomic.AtomicInteger injected = new java.util.concurrent.atomic.AtomicInteger();
        org.jooq.ExecuteListener deadlockOnce = new org.jooq.ExecuteListener() {
            @Override
            public void executeStart(org.jooq.ExecuteContext ctx) {
                if (ctx.sql() != null && ctx.sql().contains("rating_monthly") && injected.getAndIncrement() == 0) {
                    throw new org.jooq.exception.DataAccessException("deadlock detected",
                            new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
                }
            }
        };
        f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), T0.plus(Duration.ofDays(20)), deadlockOnce);
        w = World.create(f);
        long dossier = lateDossier("2026001234");

        RatingReceipt receipt = rate(dossier, "ATTITUDE", 5, APPLICANT, day(15));

        assertThat(injected.get()).as("the first attempt failed").isGreaterThanOrEqualTo(2);
        assertThat(receipt.outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(f.dsl.fetchCount(f.dsl.selectFrom("rating"))).isEqualTo(1);
        assertThat(count("OFFICER", w.counterOfficer(), "ATTITUDE")).isEqualTo(1);
        assertThat(f.value(Integer.class, "SELECT sum(n5)::int FROM rating_monthly WHERE subject_type = 'OFFICER' "
                + "AND subject_id = ?", w.counterOfficer())).isEqualTo(1);
    }
}
