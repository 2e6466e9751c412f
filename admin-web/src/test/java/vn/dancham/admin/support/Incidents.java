package vn.dancham.admin.support;

import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;

import java.time.Instant;

/** Raises a real incident the way the hotline does: a harassment report stored through the complaints API. */
public final class Incidents {

    private Incidents() {
    }

    public static long harassmentReport(Complaints complaints, Fixtures.Place p, String recordingPath) {
        return complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null, p.counterOfficeId(),
                p.counterOfficerId(), "0912345678", recordingPath, recordingPath == null ? null : 3,
                recordingPath == null ? NewComplaint.RecordingState.NONE : NewComplaint.RecordingState.RECORDED,
                Instant.now()));
    }
}
