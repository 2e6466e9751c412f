package vn.dancham.dossier.internal;

import vn.dancham.dossier.DossierTimeline.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Pure rules for a dossier's timeline: how long each stage held it, how late, and which stage made it late. */
final class TimelineCalculator {

    private TimelineCalculator() {
    }

    /** A stage as stored, before it is measured. */
    record RawStage(long id, int seq, String name, long officeId, String officeName, Long officerId,
                    String officerName, Instant startedAt, Instant dueAt, Instant finishedAt) {
    }

    static Stage measure(RawStage raw, Instant at) {
        Instant end = raw.finishedAt() != null ? raw.finishedAt() : at;
        Duration held = end.isAfter(raw.startedAt()) ? Duration.between(raw.startedAt(), end) : Duration.ZERO;
        Duration lateBy = end.isAfter(raw.dueAt()) ? Duration.between(raw.dueAt(), end) : Duration.ZERO;
        return new Stage(raw.id(), raw.seq(), raw.name(), raw.officeId(), raw.officeName(), raw.officerId(),
                raw.officerName(), raw.startedAt(), raw.dueAt(), raw.finishedAt(), held, lateBy);
    }

    /** Late: returned after its due time, or still not returned after it. */
    static boolean dossierLate(Instant dueAt, Instant returnedAt, Instant at) {
        return (returnedAt != null ? returnedAt : at).isAfter(dueAt);
    }

    /**
     * The stage that made a late dossier late: the one that overran its own due time most; on a tie the earlier
     * one, since the later stage inherited a dossier that was already behind.
     */
    static Optional<Integer> culprit(boolean dossierLate, List<Stage> stages) {
        if (!dossierLate) {
            return Optional.empty();
        }
        return stages.stream()
                .filter(Stage::late)
                .max(Comparator.comparing(Stage::lateBy).thenComparing(Stage::seq, Comparator.reverseOrder()))
                .map(Stage::seq);
    }

    /** The stage holding the dossier now: the open stage with the highest sequence number. */
    static Optional<Stage> current(List<Stage> stages, boolean returned) {
        if (returned) {
            return Optional.empty();
        }
        return stages.stream().filter(s -> !s.finished()).max(Comparator.comparingInt(Stage::seq));
    }
}
