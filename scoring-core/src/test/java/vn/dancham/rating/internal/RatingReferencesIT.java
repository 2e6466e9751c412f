package vn.dancham.rating.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.RatingSubmission.Channel;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rating's references are checked on delete, not on every insert (migration V266, issue 16): the rating writer's
 * rows carry no foreign-key checks, and every row they refer to (office, officer, dossier, stage, question, call, the
 * rating that superseded another) still cannot be deleted while they do, with the foreign key's SQLSTATE.
 */
class RatingReferencesIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final String APPLICANT = "0913000001";

    ScoringCoreFixture f;
    World w;
    long dossier;
    long call;
    /** An office rated without a dossier, with no officer of its own: only the rating refers to it. */
    long kiosk;

    @BeforeEach
    void aCallRatingADossierAndAnOffice() {
        f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), NOW);
        w = World.create(f);
        kiosk = f.office(w.commune(), "GC-1CUA", "31", "Bộ phận một cửa xã Gio Châu");
        dossier = f.registry.upsert(new DossierData(new ReceiptNumber("2026009001"), "DD-01", "GL-1CUA", "CB-AN",
                "Người nộp", APPLICANT, NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(1)),
                NOW.minus(Duration.ofHours(12)), "RETURNED")).id();
        // The land office's stage ran late: the timeliness answer names it and its officer.
        f.registry.upsertStage(new StageData(new ReceiptNumber("2026009001"), 1, "GL-1CUA", "CB-AN", "Tiếp nhận",
                NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(4)), NOW.minus(Duration.ofDays(5))));
        f.registry.upsertStage(new StageData(new ReceiptNumber("2026009001"), 2, "GL-DD", "CB-BINH", "Thẩm định",
                NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofHours(12))));
        call = f.value(Long.class, """
                INSERT INTO hotline_call (asterisk_unique_id, caller_number, started_at)
                VALUES ('1764298800.1', ?, ?::timestamptz) RETURNING id""", APPLICANT, NOW.minusSeconds(60).toString());
        for (String question : new String[] {"ATTITUDE", "TIMELINESS", "OVERALL"}) {
            f.ratings.record(answer(call, dossier, null, question, 4, "first/" + question));
        }
        f.ratings.record(answer(call, null, kiosk, "OVERALL", 5, "kiosk"));
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
    void theWritersTablesCarryNoForeignKeyChecksButHrsReviewer() {
        assertThat(f.strings("""
                SELECT conrelid::regclass || '.' || a.attname FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.conrelid IN ('rating'::regclass, 'rating_target'::regclass)"""))
                .containsExactly("rating.reviewed_by");
    }

    @Test
    void nothingARatingRefersToCanBeDeleted() {
        long stage = f.value(Long.class, """
                SELECT stage_id FROM rating_target t JOIN rating r ON r.id = t.rating_id
                WHERE r.criterion = 'TIMELINESS' AND t.stage_id IS NOT NULL LIMIT 1""");
        long question = f.value(Long.class, "SELECT id FROM rating_question WHERE code = 'OVERALL'");
        refused("DELETE FROM hotline_call WHERE id = ?", call, "rating.call_id");
        refused("DELETE FROM office WHERE id = ?", kiosk, "rating.office_id");
        refused("DELETE FROM dossier_stage WHERE id = ?", stage, "rating_target.stage_id");
        refused("DELETE FROM rating_question WHERE id = ?", question, "rating.question_id");
        // The late stage's officer, once the stage no longer names them: the timeliness answer still does.
        f.dsl.execute("UPDATE dossier_stage SET officer_id = NULL WHERE officer_id = ?", w.specialist());
        refused("DELETE FROM officer WHERE id = ?", w.specialist(), "rating");
        refused("DELETE FROM dossier WHERE id = ?", dossier, "rating");
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isEqualTo(4);
    }

    @Test
    void aRatingThatSupersededAnotherCannotBeDeletedAndADeletedRatingTakesItsTargets() {
        RatingReceipt again = f.ratings.record(answer(call, dossier, null, "ATTITUDE", 2, "second/ATTITUDE"));
        refused("DELETE FROM rating WHERE id = ?", again.ratingId(), "rating.superseded_by");

        long kioskRating = f.value(Long.class, "SELECT id FROM rating WHERE office_id = ? AND dossier_id IS NULL",
                kiosk);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating_target WHERE rating_id = ?", kioskRating))
                .isOne();
        f.dsl.execute("DELETE FROM rating WHERE id = ?", kioskRating);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating_target WHERE rating_id = ?", kioskRating))
                .isZero();
        // Nothing refers to the office now: it can go.
        assertThat(f.dsl.execute("DELETE FROM office WHERE id = ?", kiosk)).isOne();
    }

    void refused(String delete, long id, String referencedFrom) {
        assertThatThrownBy(() -> f.dsl.execute(delete, id))
                .as(delete)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"))
                .hasMessageContaining("is still referenced from " + referencedFrom);
    }

    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static RatingSubmission answer(Long call, Long dossier, Long office, String question, int value, String key) {
        return new RatingSubmission(call, dossier, office, question, value, APPLICANT, NOW, Channel.PHONE, key, null,
                false);
    }
}
