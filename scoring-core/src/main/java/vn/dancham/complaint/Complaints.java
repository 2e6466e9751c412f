package vn.dancham.complaint;

/**
 * Recording complaints, harassment reports and messages for the leader, with their recording. A real harassment
 * report is stored marked for its incident: {@link HarassmentReported} is published just after the report's write
 * commits, in the transaction that opens the incident and clears the mark ({@link ReportIncidents}), so every
 * report stored opens its incident and SMS exactly once, without the caller waiting for them.
 */
public interface Complaints {

    /**
     * Stores the complaint (pending: no verdict yet) and returns its id. A complaint about a dossier is charged to
     * the office that held the dossier when the complaint was made, not the office that received it.
     */
    long record(NewComplaint complaint);
}
