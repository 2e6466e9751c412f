package vn.dancham.calls.internal;

import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import vn.dancham.calls.CallLog;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.internal.LeagueMarks;

import java.time.Clock;

/** The real call log for tests of other features that need calls on record (it is package-private in main). */
public final class TestCallLogs {

    private TestCallLogs() {
    }

    public static CallLog jooq(DSLContext dsl, ApplicationEventPublisher events, Clock clock) {
        return new JooqCallLog(dsl, events, new Organisation(dsl, new LeagueMarks(dsl)), clock);
    }
}
