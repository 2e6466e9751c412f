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
}
