package vn.dancham.responsiveness;

import vn.dancham.scoring.ConcernRaised;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Whether the leaders on duty answer the hotline's calls and alerts (issue 18). Read-only apart from concerns. */
public interface HotlineResponsiveness {

    /** Calls put through and alerts sent in {@code [from, to)}. */
    ResponsivenessReport between(Instant from, Instant to);

    /**
     * Raises a {@link ConcernRaised} LEADER_CALLS_UNANSWERED for each district whose leaders answered fewer than
     * {@code dancham.responsiveness.min-answered-share} of the calls put through to them in the ISO week (Monday to
     * Sunday in {@code dancham.responsiveness.zone}) that contains {@code dayOfWeek}. Idempotent: a district gets
     * one concern per week however often this runs. Returns the concerns raised now.
     */
    List<ConcernRaised> checkWeek(LocalDate dayOfWeek);

    /** {@link #checkWeek} for the last finished week (the weekly job). */
    List<ConcernRaised> checkLastWeek();
}
