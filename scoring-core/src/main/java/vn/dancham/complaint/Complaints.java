package vn.dancham.complaint;

/**
 * Recording complaints, harassment reports and messages for the leader, with their recording. A harassment
 * report publishes {@link HarassmentReported} synchronously in the transaction that stores it, so the incident
 * and its SMS are written atomically with the report.
 */
public interface Complaints {

    /** Stores the complaint and returns its id. */
    long record(NewComplaint complaint);
}
