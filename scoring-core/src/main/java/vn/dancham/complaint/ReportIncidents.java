package vn.dancham.complaint;

/**
 * The incidents of harassment reports, opened after the reports are stored (see {@link Complaints}). Each node
 * opens them on its own just after each report it stores, and looks every few seconds for reports another node
 * left; this is for a loader that wants them now.
 */
public interface ReportIncidents {

    /**
     * Opens the incidents of every report waiting for one, in the caller's transaction when there is one (a loader
     * that writes reports in one transaction then sees their incidents before it commits); returns how many.
     */
    int openDue();

    /** Reports stored whose incident is not opened yet, on every node (a few for milliseconds; more: a problem). */
    int waiting();

    /** Reports whose incident could not be opened for a reason other than the database, set aside for a person. */
    int setAside();

    /**
     * Tries again, now, to open the incident of a report set aside (a handler asks, once the cause is mended): on
     * success the report is no longer set aside and the leader on duty is texted as for a new report; on the same
     * kind of failure it stays set aside with the new reason. Throws when the database is away (nothing changes).
     */
    Retry retry(long reportId);

    /** What {@link #retry} did. */
    sealed interface Retry {
        /** The incident is open (or the report was added to the one already open); its SMS is queued. */
        record Opened() implements Retry {
        }

        /** It failed again; the report stays set aside with this reason (for the log and the administrator). */
        record FailedAgain(String reason) implements Retry {
        }

        /** Not a report set aside: its incident is open already (another handler, another node), or no such report. */
        record NotSetAside() implements Retry {
        }
    }
}
