package vn.dancham.admin.support;

import org.jooq.Condition;
import org.jooq.DSLContext;
import vn.dancham.db.jooq.tables.records.HotlineCallRecord;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;

/**
 * Reads calls' rows once their ends are written. A call hands its end over when it hangs up, and the node's timer
 * writes it a quarter of a second later (vn.dancham.ivr.hotline.CallEnds): what reads a call's end just after the
 * call waits for that here, through the real timer.
 */
public final class CallRows {

    /** Far above the timer's quarter of a second: only a broken timer makes a test wait this long. */
    static final Duration AT_MOST = Duration.ofSeconds(10);

    private CallRows() {
    }

    /** The row of this call once it is closed (written whole or ended). */
    public static HotlineCallRecord ended(DSLContext dsl, String uniqueId) {
        return ended(dsl, HOTLINE_CALL.ASTERISK_UNIQUE_ID.eq(uniqueId), 1).getFirst();
    }

    /** The rows matching {@code which} once there are {@code count} of them, all closed. */
    public static List<HotlineCallRecord> ended(DSLContext dsl, Condition which, int count) {
        long giveUp = System.nanoTime() + AT_MOST.toNanos();
        while (true) {
            List<HotlineCallRecord> rows = dsl.selectFrom(HOTLINE_CALL).where(which).orderBy(HOTLINE_CALL.ID).fetch();
            boolean closed = rows.size() == count && rows.stream().noneMatch(r -> "IN_PROGRESS".equals(r.getOutcome()));
            if (closed || System.nanoTime() > giveUp) {
                assertThat(rows).as("the calls' rows, closed within %s", AT_MOST).hasSize(count)
                        .noneMatch(r -> "IN_PROGRESS".equals(r.getOutcome()));
                return rows;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
