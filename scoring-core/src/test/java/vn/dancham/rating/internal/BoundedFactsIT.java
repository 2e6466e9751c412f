package vn.dancham.rating.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingReceipt.Outcome;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.RatingSubmission.Channel;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.SubjectScore;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the eligibility rules read for an answer is bounded by what counts, not by what has been thrown at an officer
 * or a dossier (migrations V261 and V262, issue 16). An officer whom a rival flooded with 3,000 low answers from
 * borrowed phones (all held), beside a colleague with a month of 3,000 counted answers: the next genuine answer about
 * the officer, by the writer's batch and by the one-by-one path, reads a handful of ratings, not the flood or the
 * colleague's month; nor, when a crowd of 3,000 numbers typed the answer's own receipt number, the crowd. Counted as
 * the entries PostgreSQL read from {@code rating} (its indexes and scans) in the answer's transaction. Likewise a score read for
 * one period reads that period's ratings and targets, not the officer's or the office's history (V268).
 */
class BoundedFactsIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final int FLOOD = 3_000;
    /** Far below either pile; the answer's own lookups, insert and aggregates fetch a few rows. */
    static final long BOUND = 100;

    ScoringCoreFixture f;
    World w;
    long flooded;
    long colleague;
    long genuineDossier;
    List<Long> floodDossiers = new ArrayList<>();
    String applicant = "0913000001";
    int receipt = 9000;

    @BeforeEach
    void floodedOfficerBesideABusyColleague() {
        f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), NOW);
        w = World.create(f);
        flooded = f.officer(w.counterOffice(), "CB-FLOOD", "Cán bộ bị chấm ồ ạt");
        colleague = f.officer(w.counterOffice(), "CB-BUSY", "Cán bộ bận rộn");
        genuineDossier = dossier("CB-FLOOD", applicant, NOW.minus(Duration.ofHours(3)));
        for (int i = 0; i < 20; i++) {
            floodDossiers.add(dossier("CB-FLOOD", String.format("0913100%03d", i), NOW.minus(Duration.ofDays(2))));
        }
        long busyDossier = dossier("CB-BUSY", "0913200000", NOW.minus(Duration.ofDays(29)));
        // Held by the rules (as the one-by-one path would have held them), over the last ten days.
        pile(floodDossiers.toArray(Long[]::new), flooded, "UNVERIFIED", "FLAGGED", Duration.ofDays(10), LOW, "0977");
        // Counted, from the applicants' own phones, over the last month.
        pile(new Long[]{busyDossier}, colleague, "VERIFIED", "COUNTED", Duration.ofDays(28), LOW, "0977");
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isEqualTo(2 * FLOOD);
        analyze();
    }

    /**
     * Statistics of the piles, as autovacuum keeps them on a live database: without them the planner guesses, and
     * may read the day's counted answers of everyone to find one caller's (104 entries for one answer here).
     */
    void analyze() {
        f.dsl.execute("ANALYZE rating, rating_target, rating_officer_evidence");
    }

    @AfterEach
    void tearDown() {
        try {
            assertThat(f.officerEvidenceMismatches()).isEmpty();
        } finally {
            f.close();
        }
    }

    @Test
    void theWritersBatchReadsNeitherTheFloodNorTheColleaguesMonth() {
        Fetched<List<RatingReceipt>> batch = fetched(() -> f.ratings.recordBatch(
                List.of(genuine("ATTITUDE", 0), genuine("OVERALL", 1)), Contributions.immediate(f.aggregates)));
        System.out.printf("[evidence] writer's batch of 2 after a held flood of %d: %d rating entries read%n",
                FLOOD, batch.tuples());
        assertThat(batch.result()).extracting(RatingReceipt::outcome).containsOnly(Outcome.COUNTED);
        assertThat(batch.tuples()).isLessThan(BOUND);
    }

    @Test
    void theOneByOnePathReadsNeitherTheFloodNorTheColleaguesMonth() {
        Fetched<RatingReceipt> one = fetched(() -> f.ratings.recordInTransaction(genuine("ATTITUDE", 0),
                Contributions.immediate(f.aggregates)));
        System.out.printf("[evidence] one answer after a held flood of %d: %d rating entries read%n", FLOOD,
                one.tuples());
        assertThat(one.result().outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(one.tuples()).isLessThan(BOUND);
    }

    @Test
    void aCrowdOnTheAnswersOwnReceiptNumberIsNotReadAgain() {
        pile(new Long[]{genuineDossier}, flooded, "UNVERIFIED", "FLAGGED", Duration.ofHours(2), LOW, "0977");
        analyze();
        genuineAnswersCountAndReadLittle("a held crowd of " + FLOOD + " on the dossier");
    }

    /**
     * A busy officer whose citizens often call from a relative's phone: a month of 3,000 counted answers of 3 to 5
     * from callers who knew the applicant's digits (KNOWN), each from another number. They count, so they are
     * evidence; but no rule weighs a good answer of another known caller (the caller–officer limit looks at the
     * answer's own caller, the anonymous share at anonymous callers, the cluster at low answers). Read again for
     * every batch about the officer, they made the writer's work grow with the officer's month of good answers.
     */
    @Test
    void aMonthOfRelativesGoodAnswersAboutTheOfficerIsNotReadAgain() {
        pile(floodDossiers.toArray(Long[]::new), flooded, "KNOWN", "COUNTED", Duration.ofDays(28), GOOD, "0988");
        analyze();
        genuineAnswersCountAndReadLittle("a month of " + FLOOD + " good answers from known callers");
    }

    /** The applicant's answers, two by the writer's batch and one by the one-by-one path: counted, each reading little. */
    void genuineAnswersCountAndReadLittle(String after) {
        Fetched<List<RatingReceipt>> batch = fetched(() -> f.ratings.recordBatch(
                List.of(genuine("ATTITUDE", 0), genuine("OVERALL", 1)), Contributions.immediate(f.aggregates)));
        Fetched<RatingReceipt> one = fetched(() -> f.ratings.recordInTransaction(genuine("TIMELINESS", 2),
                Contributions.immediate(f.aggregates)));
        System.out.printf("[evidence] after %s: writer's batch of 2 %d, one answer %d rating entries read%n", after,
                batch.tuples(), one.tuples());
        assertThat(batch.result()).extracting(RatingReceipt::outcome).containsOnly(Outcome.COUNTED);
        assertThat(one.result().outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(batch.tuples()).isLessThan(BOUND);
        assertThat(one.tuples()).isLessThan(BOUND);
    }

    @Test
    void releasingAHeldAnswerMakesItEvidenceAndRejectingItDoesNot() {
        long released = f.value(Long.class, "SELECT min(id) FROM rating WHERE status = 'FLAGGED'");
        long rejected = f.value(Long.class, "SELECT max(id) FROM rating WHERE status = 'FLAGGED'");
        f.reviews.review(released, true, null);
        f.reviews.review(rejected, false, null);
        assertThat(f.strings("SELECT rating_id::text FROM rating_officer_evidence WHERE officer_id = ?", flooded))
                .containsExactly(String.valueOf(released));
        f.dsl.execute("UPDATE rating SET status = 'SUPERSEDED' WHERE id = ?", released);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating_officer_evidence")).isZero();
    }

    static final String RATINGS_AND_TARGETS = "'rating'::regclass, 'rating_target'::regclass";

    /**
     * A score read for one period reads that period's targets, not the subject's history (V268, issue 16). The week
     * of twenty days ago: the flooded officer's 3,000 held answers and the Hướng Hóa office's 3,000 counted ones all
     * came later (the last ten days), while the week holds about 750 of the colleague's counted answers. Reading the
     * officers, the office or its district for that week reads neither the piles nor the colleague's week. Before
     * V268 the targets had no time: a read took either every target the subject ever had (the plan at 10 million
     * ratings: 0.38 s for an office's week) or every counted rating of the week, whichever the planner judged cheaper.
     */
    @Test
    void aScoreOfOneWeekReadsNeitherTheSubjectsOtherAnswersNorTheWeeksOthers() {
        pile(w.civilOffice(), floodDossiers.toArray(Long[]::new), w.civilOfficer(), "VERIFIED", "COUNTED",
                Duration.ofDays(10), GOOD, "0966");
        analyze();
        Period week = Period.week(LocalDate.ofInstant(NOW.minus(Duration.ofDays(20)), ZoneOffset.UTC));
        for (Subject subject : List.of(Subject.officer(flooded), Subject.officer(w.civilOfficer()),
                Subject.office(w.civilOffice()), Subject.unit(w.huongHoa()))) {
            Fetched<SubjectScore> read = fetched(() -> f.scores.liveScore(subject, week), RATINGS_AND_TARGETS);
            System.out.printf("[history] %s, the week of twenty days ago: %d rating and target entries read%n",
                    subject, read.tuples());
            assertThat(read.tuples()).as("%s", subject).isLessThan(BOUND);
        }
        // The count sees what a read takes: the colleague's own week is read.
        assertThat(fetched(() -> f.scores.liveScore(Subject.officer(colleague), week), RATINGS_AND_TARGETS)
                .tuples()).isGreaterThan(500);
    }

    /** Both paths write their targets with the rating's time, and a rating's time moved moves its targets'. */
    @Test
    void targetsCarryTheirRatingsTime() {
        new TransactionTemplate(f.transactions).executeWithoutResult(s -> f.ratings.recordBatch(
                List.of(genuine("ATTITUDE", 0), genuine("OVERALL", 1)), Contributions.immediate(f.aggregates)));
        new TransactionTemplate(f.transactions).executeWithoutResult(s -> f.ratings.recordInTransaction(
                genuine("TIMELINESS", 2), Contributions.immediate(f.aggregates)));
        String mismatches = "SELECT count(*)::int FROM rating_target t JOIN rating r ON r.id = t.rating_id"
                + " WHERE t.given_at <> r.given_at";
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating WHERE answer_key LIKE 'genuine/%'"))
                .isEqualTo(3);
        assertThat(f.value(Integer.class, mismatches)).isZero();
        f.dsl.execute("UPDATE rating SET given_at = given_at - interval '1 hour' WHERE answer_key LIKE 'genuine/%'");
        assertThat(f.value(Integer.class, mismatches)).isZero();
    }

    record Fetched<T>(T result, long tuples) {
    }

    /** The work in one transaction, with the entries it read from {@code rating}. */
    <T> Fetched<T> fetched(Supplier<T> work) {
        return fetched(work, "'rating'::regclass");
    }

    /** The work in one transaction, with the entries it read from these tables ({@code regclass}es). */
    <T> Fetched<T> fetched(Supplier<T> work, String tables) {
        return new TransactionTemplate(f.transactions).execute(status -> {
            long before = tuples(tables);
            T result = work.get();
            return new Fetched<>(result, tuples(tables) - before);
        });
    }

    long tuples(String tables) {
        // Entries read from the tables' indexes (index, index-only and bitmap scans) and rows read by sequential
        // scans. Not the tables' own "tuples fetched": PostgreSQL counts a plain index scan's heap fetches under the
        // index, so that figure stayed 0 whatever such a scan read (these tests passed on 0).
        return f.value(Long.class, "SELECT sum(pg_stat_get_xact_tuples_returned(t) + coalesce((SELECT"
                + " sum(pg_stat_get_xact_tuples_returned(i.indexrelid)) FROM pg_index i WHERE i.indrelid = t), 0))"
                + "::bigint FROM unnest(ARRAY[" + tables + "]) AS t");
    }

    RatingSubmission genuine(String question, int second) {
        return new RatingSubmission(null, genuineDossier, null, question, 4, applicant, NOW.plusSeconds(second),
                Channel.PHONE, "genuine/" + question, null, false);
    }

    static final Integer[] LOW = {1, 2};
    static final Integer[] GOOD = {3, 4, 5};

    /**
     * {@link #FLOOD} answers about the officer's dossiers, spread over the last {@code over}, with their targets, of
     * the given values in turn, each from its own number starting with {@code prefix}.
     */
    void pile(Long[] dossiers, long officer, String identity, String status, Duration over, Integer[] values,
              String prefix) {
        pile(w.counterOffice(), dossiers, officer, identity, status, over, values, prefix);
    }

    /** {@link #pile} about an officer of another office. */
    void pile(long office, Long[] dossiers, long officer, String identity, String status, Duration over,
              Integer[] values, String prefix) {
        f.dsl.execute("""
                WITH r AS (
                    INSERT INTO rating (dossier_id, office_id, officer_id, question_id, criterion, value,
                                        caller_number, identity, channel, given_at, status, flag_reason)
                    SELECT (?::bigint[])[1 + g % cardinality(?::bigint[])], ?, ?, q.id, 'ATTITUDE',
                           (?::int[])[1 + g % cardinality(?::int[])], ? || lpad(g::text, 6, '0'), ?, 'PHONE',
                           ?::timestamptz - (g * ?::bigint) * interval '1 millisecond', ?,
                           CASE WHEN ? = 'FLAGGED' THEN 'OFFICER_ANONYMOUS' END
                    FROM generate_series(1, ?) AS g, rating_question q WHERE q.code = 'ATTITUDE'
                    RETURNING id, given_at)
                INSERT INTO rating_target (rating_id, seq, office_id, officer_id, reason, given_at)
                SELECT id, 1, ?, ?, 'RECEIVING_OFFICER', given_at FROM r""",
                dossiers, dossiers, office, officer, values, values, prefix, identity, NOW.atOffset(ZoneOffset.UTC),
                over.toMillis() / FLOOD, status, status, FLOOD, office, officer);
    }

    long dossier(String officerCode, String phone, Instant returned) {
        ReceiptNumber r = new ReceiptNumber("2026" + String.format("%06d", receipt++));
        return f.registry.upsert(new DossierData(r, "DD-01", "GL-1CUA", officerCode, "Người nộp", phone,
                returned.minus(Duration.ofDays(5)), returned.plus(Duration.ofDays(1)), returned, "RETURNED")).id();
    }
}
