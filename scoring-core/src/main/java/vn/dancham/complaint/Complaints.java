package vn.dancham.complaint;

/**
 * Recording complaints, harassment reports and messages for the leader, with their recording. A harassment
 * report publishes {@link HarassmentReported} synchronously in the transaction that stores it, so the incident
 * and its SMS are written atomically with the report.
 */
public interface Complaints {

    /**
     * Stores the complaint (pending: no verdict yet) and returns its id. A complaint about a dossier is charged to
     * the office that held the dossier when the complaint was made, not the office that received it.
     */
    long record(NewComplaint complaint);
}
