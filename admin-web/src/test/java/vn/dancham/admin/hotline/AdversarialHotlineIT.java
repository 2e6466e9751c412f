package vn.dancham.admin.hotline;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.ivr.testing.AgiTestCall;
import vn.dancham.organisation.Organisation;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Scores;
import vn.dancham.scoring.Subject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.RATING;

/**
 * The attacks of docs/scoring.md's threat model over the FastAGI socket, as Asterisk speaks it, against the running
 * application and PostgreSQL: a withheld caller rating one dossier again and again, one number walking an officer's
 * receipts with guessed phone digits, twelve numbers on one dossier. The attacked officer's 30-day satisfaction moves
 * by less than 2 points and the rank in the office stays. (AdversarialRatingsIT runs more attacks, faster, through
 * the same rating API these calls end in.)
 */
class AdversarialHotlineIT extends WebIT {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired DSLContext dsl;
    @Autowired Environment environment;
    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired vn.dancham.rating.Ratings ratings;
    @Autowired vn.dancham.rating.RatingWriter ratingWriter;
    @Autowired Scores scores;

    @Test
    void attacksOverTheHotlineLeaveTheTopOfficersScoreAndRank() {
        int agiPort = environment.getRequiredProperty("local.fastagi.port", Integer.class);
        Instant now = Instant.now();
        Fixtures.Place p = Fixtures.place(organisation, procedures);
        // Three counter officers with a month of their applicants' own ratings: 5s and 4s, 4s, 3s and 4s.
        int[][] values = {{5, 5, 4, 5, 5, 4, 5, 5, 4, 5, 5, 4}, {4, 4, 5, 4, 3, 4, 4, 5, 4, 4, 4, 4},
                {3, 4, 3, 3, 4, 3, 4, 3, 3, 4, 3, 3}};
        List<Long> officers = new ArrayList<>();
        List<List<String>> receipts = new ArrayList<>();
        for (int o = 0; o < values.length; o++) {
            String code = "FA" + o + p.s();
            officers.add(organisation.saveOfficer(code, p.counterOfficeCode(), "Cán bộ " + o + " " + p.s(),
                    "Chuyên viên một cửa", null, true));
            List<String> own = new ArrayList<>();
            for (int d = 0; d < values[o].length; d++) {
                String receipt = Fixtures.receipt();
                String phone = "0915" + String.format("%06d", (Math.abs(p.s().hashCode()) + o * 100 + d) % 1_000_000);
                Instant returned = now.minus(Duration.ofDays(2 + d * 2L));
                long id = registry.upsert(new DossierData(new ReceiptNumber(receipt), p.procedureCode(),
                        p.counterOfficeCode(), code, "Người nộp", phone, returned.minus(Duration.ofDays(5)),
                        returned.plus(Duration.ofDays(1)), returned, "RETURNED")).id();
                ratings.record(new RatingSubmission(null, id, null, "ATTITUDE", values[o][d], phone,
                        returned.plusSeconds(3600), RatingSubmission.Channel.PHONE));
                own.add(receipt);
            }
            receipts.add(own);
        }
        double before = satisfaction(officers.getFirst());
        int rankBefore = rank(p, officers.getFirst());

        String top = receipts.getFirst().getFirst();
        // A withheld caller rates the same dossier again and again (the knowledge check skipped with #).
        for (int i = 0; i < 10; i++) {
            AgiTestCall.run("127.0.0.1", agiPort, "hotline", "adv-w-" + i + p.s(), null,
                    "2 1 " + top + "# 1 # 1 1 1");
        }
        // One number walks the top officer's receipts with 1s, 2s and 3s, guessing the phone digits.
        String rival = "0978" + String.format("%06d", Math.abs(p.s().hashCode()) % 1_000_000);
        for (int i = 0; i < 8; i++) {
            int v = 1 + i % 3;
            AgiTestCall.run("127.0.0.1", agiPort, "hotline", "adv-n-" + i + p.s(), rival,
                    "2 1 " + receipts.getFirst().get(i) + "# 1 0000# " + v + " " + v + " " + v);
        }
        // Twelve numbers on one dossier.
        for (int i = 0; i < 12; i++) {
            AgiTestCall.run("127.0.0.1", agiPort, "hotline", "adv-c-" + i + p.s(), String.format("09790000%02d", i),
                    "2 1 " + receipts.getFirst().get(3) + "# 1 # " + (1 + i % 3) + " 2 2");
        }
        ratingWriter.applyPending(); // the calls' answers, from the inbox, before the scores are read

        double after = satisfaction(officers.getFirst());
        int rankAfter = rank(p, officers.getFirst());
        System.out.printf("[adversarial-fastagi] top officer satisfaction %.2f → %.2f (Δ %.2f), rank %d → %d%n",
                before, after, after - before, rankBefore, rankAfter);
        assertThat(dsl.fetchCount(RATING, RATING.DOSSIER_ID.in(dsl.select(vn.dancham.db.jooq.Tables.DOSSIER.ID)
                .from(vn.dancham.db.jooq.Tables.DOSSIER).where(vn.dancham.db.jooq.Tables.DOSSIER.RECEIPT_NO
                        .in(receipts.getFirst()))))).as("every attacking answer was stored").isGreaterThan(80);
        assertThat(Math.abs(after - before)).isLessThan(2.0);
        assertThat(rankAfter).isEqualTo(rankBefore);
    }

    private double satisfaction(long officer) {
        return scores.score(Subject.officer(officer), Period.rolling(30, LocalDate.now(ZONE))).figures()
                .satisfaction().value().doubleValue();
    }

    private int rank(Fixtures.Place p, long officer) {
        return scores.leaderboard(LeaderboardTable.officersInOffice(p.counterOfficeId()),
                        Period.rolling(30, LocalDate.now(ZONE))).entries().stream()
                .filter(e -> e.score().subject().id() == officer).findFirst().orElseThrow().rank();
    }
}
