package vn.dancham.ivr.hotline;

import vn.dancham.ivr.prompts.NameAudio;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/** A hotline flow on thread-safe in-memory ports, for socket tests that need no database. */
public final class HotlineTestFlows {

    private final Fakes fakes = new Fakes();
    /** The flows made, whose ended calls are written before anything is read (as the node's timer would by then). */
    private final java.util.List<HotlineFlow> flows = new java.util.concurrent.CopyOnWriteArrayList<>();

    public HotlineTestFlows() {
        fakes.dossiers.put("20261234", Fakes.lateDossier());
    }

    public HotlineFlow flow() {
        HotlineFlow flow = new HotlineFlow(fakes.dossierPort(), fakes.ratingPort(), fakes.rosterPort(), fakes.officePort(),
                fakes.callLog(), fakes.complaintPort(), fakes.journal, HotlineSettings.defaults(Path.of("target/recordings")),
                NameAudio.of(Map.of()), Clock.fixed(Fakes.NOW, ZoneOffset.UTC), "test-node");
        flows.add(flow);
        return flow;
    }

    private void writeEndedCalls() {
        flows.forEach(HotlineFlow::writeEndedCalls);
    }

    public vn.dancham.calls.CallLog callLog() {
        return fakes.callLog();
    }

    public int callsStarted() {
        writeEndedCalls();
        synchronized (fakes.events) {
            return (int) fakes.events.stream().filter(e -> e.startsWith("START ")).count();
        }
    }

    public int callsEnded() {
        writeEndedCalls();
        return fakes.ended;
    }

    public int ratingsStored() {
        return fakes.ratings.size();
    }

    /** Complaints, reports and messages stored, in order. */
    public java.util.List<vn.dancham.complaint.NewComplaint> complaints() {
        synchronized (fakes.complaints) {
            return java.util.List.copyOf(fakes.complaints);
        }
    }

    /** Missed leader calls recorded, in order. */
    public java.util.List<vn.dancham.calls.LeaderCallMissed> missedLeaderCalls() {
        return java.util.List.copyOf(fakes.missed);
    }

    /** Puts people on duty for an office (Fakes: dial code 12 is office 7, 34 is office 8). */
    public HotlineTestFlows onDuty(long officeId, vn.dancham.escalation.DutyContact... contacts) {
        fakes.roster.put(officeId, java.util.List.of(contacts));
        return this;
    }

    /** The outcome of the last call closed. */
    public vn.dancham.calls.CallLog.Outcome lastOutcome() {
        writeEndedCalls();
        return fakes.outcome;
    }

    /** Call-log events written so far ("KIND STEP detail"). */
    public java.util.List<String> events() {
        writeEndedCalls();
        synchronized (fakes.events) {
            return java.util.List.copyOf(fakes.events);
        }
    }

    public int testRatingsStored() {
        synchronized (fakes.ratings) {
            return (int) fakes.ratings.stream().filter(vn.dancham.rating.RatingSubmission::test).count();
        }
    }
}
