package vn.dancham.dossier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A dossier's timeline: the status on top, then every stage in order.
 *
 * @param stages     every stage, by sequence number
 * @param culpritSeq the stage that made the dossier late: among the stages that overran their own due time, the
 *                   one that overran most (the earliest on a tie). Empty when the dossier is not late, or when it
 *                   is late but no stage overran its own due time (the delay fell between stages).
 * @param at         the moment open stages were measured at
 */
public record DossierTimeline(DossierStatus status, List<Stage> stages, Optional<Integer> culpritSeq, Instant at) {

    public DossierTimeline {
        stages = List.copyOf(stages);
    }

    /**
     * One stage.
     *
     * @param held   how long the stage held the dossier: until it finished, or until {@code at} while open
     * @param lateBy how far past the stage's own due time it finished (or is, while open); zero when on time
     */
    public record Stage(long id, int seq, String name, long officeId, String officeName, Long officerId,
                        String officerName, Instant startedAt, Instant dueAt, Instant finishedAt, Duration held,
                        Duration lateBy) {

        public boolean finished() {
            return finishedAt != null;
        }

        public boolean late() {
            return lateBy.isPositive();
        }

        /** Whole days held (rounded down), as a caller hears it. */
        public long daysHeld() {
            return held.toDays();
        }

        /** Whole days late, rounded up: a stage one hour late is one day late to the citizen waiting. */
        public long daysLate() {
            long days = lateBy.toDays();
            return lateBy.minusDays(days).isPositive() ? days + 1 : days;
        }
    }

    public Optional<Stage> culprit() {
        return culpritSeq.flatMap(seq -> stages.stream().filter(s -> s.seq() == seq).findFirst());
    }

    public List<Stage> lateStages() {
        return stages.stream().filter(Stage::late).toList();
    }
}
