package vn.dancham.admin.support;

import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.complaint.ReportIncidents;

import java.time.Instant;

/**
 * Raises a real incident the way the hotline does: a harassment report stored through the complaints API, then its
 * incident opened as the node's opener opens it just after (waited for here, so the test can read it).
 */
public final class Incidents {

    private Incidents() {
    }

    public static long harassmentReport(Complaints complaints, ReportIncidents opener, Fixtures.Place p,
                                        String recordingPath) {
        long id = complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null, p.counterOfficeId(),
                p.counterOfficerId(), "0912345678", recordingPath, recordingPath == null ? null : 3,
                recordingPath == null ? NewComplaint.RecordingState.NONE : NewComplaint.RecordingState.RECORDED,
                Instant.now()));
        opener.openDue();
        // The node's own opener, woken by the write, may hold the report (openDue passes over it): wait for it.
        Instant giveUp = Instant.now().plusSeconds(30);
        while (opener.waiting() > 0) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("the harassment report's incident was not opened within 30 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return id;
    }
}
