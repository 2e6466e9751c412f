package vn.dancham.admin.hotline;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import vn.dancham.admin.support.OneStopRows;
import vn.dancham.admin.support.WebIT;
import vn.dancham.ivr.hotline.HotlineFlow;
import vn.dancham.ivr.journal.AnswerJournal;
import vn.dancham.ivr.journal.JournalReplayer;
import vn.dancham.ivr.testing.AgiTestCall;
import vn.dancham.rating.RatingWriter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;
import static vn.dancham.db.jooq.Tables.PROCEDURE;
import static vn.dancham.db.jooq.Tables.PROCEDURE_FIELD;
import static vn.dancham.db.jooq.Tables.RATING;

/**
 * Issue 16: a database that is up but does not answer the hotline in time. Someone holds a lock on the rating inbox
 * (a long migration, a stuck session) while a caller rates: the hotline's {@code lock_timeout} (its own pool's
 * session setting, no thread of ours timing the call) stops the insert, the caller hears "your answer is kept", the
 * answers go to the journal, and once the lock is gone every answer is in the database exactly once.
 */
class SlowDatabaseIT extends WebIT {

    static final String APPLICANT = "0912345678";

    @Autowired
    DSLContext dsl;

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @Autowired
    HotlineFlow flow;

    @Autowired
    AnswerJournal journal;

    @Autowired
    JournalReplayer replayer;

    @Autowired
    RatingWriter ratingWriter;

    String tag = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));

    @Test
    void anAnswerHeldUpByALockIsKeptInTheJournalAndStoredOnceAfterwards() throws Exception {
        String receipt = OneStopRows.oneDossier(dsl, tag, APPLICANT);
        int agiPort = environment.getRequiredProperty("local.fastagi.port", Integer.class);
        String uid = "slow-" + tag;
        AgiTestCall call;
        // The application's pool (not the hotline's): a session of someone else's, holding the lock.
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            st.execute("LOCK TABLE rating_inbox IN ACCESS EXCLUSIVE MODE");
            call = AgiTestCall.run("127.0.0.1", agiPort, "hotline", uid, APPLICANT, "2 1 " + receipt + "# 1 5 4 3");
            assertThat(flow.databaseDown()).as("the lock timeout opened the breaker").isTrue();
            other.rollback();
        }
        assertThat(call.played()).containsSubsequence("dancham/question-attitude", "dancham/question-timeliness",
                "dancham/question-overall", "dancham/answer-kept");
        assertThat(call.played()).doesNotContain("dancham/sorry-later", "dancham/service-unavailable");

        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (journal.pending() > 0 && System.nanoTime() < deadline) {
            replayer.replayNow();
            Thread.sleep(50);
        }
        assertThat(journal.pending()).as("the journal drained").isZero();
        ratingWriter.applyPending();
        long callId = dsl.select(HOTLINE_CALL.ID).from(HOTLINE_CALL).where(HOTLINE_CALL.ASTERISK_UNIQUE_ID.eq(uid))
                .fetchSingle().value1();
        assertThat(dsl.select(RATING.VALUE).from(RATING).where(RATING.CALL_ID.eq(callId)).orderBy(RATING.ID)
                .fetch(RATING.VALUE)).as("each answer once").containsExactly((short) 5, (short) 4, (short) 3);

        // The breaker closes again once a caller finds it open and the probe finds the database (other tests share
        // this application).
        for (int i = 0; flow.databaseDown(); i++) {
            if (System.nanoTime() > deadline) {
                fail("The hotline still takes the database for down");
            }
            AgiTestCall.run("127.0.0.1", agiPort, "hotline", "slow-after-" + i + "-" + tag, APPLICANT, "2 2 0#");
            Thread.sleep(200);
        }
    }
}
