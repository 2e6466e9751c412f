package vn.dancham.ivr.hotline;

import vn.dancham.ivr.prompts.NameAudio;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/** A hotline flow on thread-safe in-memory ports, for socket tests that need no database. */
public final class HotlineTestFlows {

    private final Fakes fakes = new Fakes();

    public HotlineTestFlows() {
        fakes.dossiers.put("20261234", Fakes.lateDossier());
    }

    public HotlineFlow flow() {
        return new HotlineFlow(fakes.dossierPort(), fakes.ratingPort(), fakes.rosterPort(), fakes.officePort(),
                fakes.callLog(), fakes.complaintPort(), fakes.journal, HotlineSettings.defaults(Path.of("target/recordings")),
                NameAudio.of(Map.of()), Clock.fixed(Fakes.NOW, ZoneOffset.UTC), "test-node");
    }

    public vn.dancham.calls.CallLog callLog() {
        return fakes.callLog();
    }

    public int callsStarted() {
        synchronized (fakes.events) {
            return (int) fakes.events.stream().filter(e -> e.startsWith("START ")).count();
        }
    }

    public int callsEnded() {
        return fakes.ended;
    }

    public int ratingsStored() {
        return fakes.ratings.size();
    }

    public int testRatingsStored() {
        synchronized (fakes.ratings) {
            return (int) fakes.ratings.stream().filter(vn.dancham.rating.RatingSubmission::test).count();
        }
    }
}
