package vn.dancham.rating.internal;

import vn.dancham.scoring.internal.Aggregates;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What recording answers adds to and takes from the aggregates: at once (one answer, {@link RatingRecorder#record}),
 * or netted over a batch and applied by one statement each way at its end ({@link InboxWriter}). Netting is exact
 * because a rating's contribution depends only on its own row, targets and dossier, which never change: an answer
 * counted and superseded in the same batch contributes nothing, so the batch touches each aggregate row once.
 */
final class Contributions {

    private final Aggregates aggregates;
    private final boolean deferred;
    private final Map<Long, Integer> net = new LinkedHashMap<>();

    private Contributions(Aggregates aggregates, boolean deferred) {
        this.aggregates = aggregates;
        this.deferred = deferred;
    }

    static Contributions immediate(Aggregates aggregates) {
        return new Contributions(aggregates, false);
    }

    static Contributions deferred(Aggregates aggregates) {
        return new Contributions(aggregates, true);
    }

    void add(Collection<Long> ratingIds) {
        change(ratingIds, 1);
    }

    void subtract(Collection<Long> ratingIds) {
        change(ratingIds, -1);
    }

    private void change(Collection<Long> ratingIds, int sign) {
        if (ratingIds.isEmpty()) {
            return;
        }
        if (!deferred) {
            aggregates.applyRatings(ratingIds, sign);
            return;
        }
        for (Long id : ratingIds) {
            int n = net.merge(id, sign, Integer::sum);
            if (n > 1 || n < -1) {
                // A rating is added once when counted and taken out once when it stops counting (the recorder
                // re-reads its status under a lock first): anything else is a bug that would corrupt the sums.
                throw new IllegalStateException("Rating " + id + " would count " + n + " times in the aggregates");
            }
        }
    }

    /** Applies a deferred batch: what stopped counting first, then what started (one statement each). */
    void flush() {
        List<Long> minus = new ArrayList<>();
        List<Long> plus = new ArrayList<>();
        net.forEach((id, n) -> {
            if (n < 0) {
                minus.add(id);
            } else if (n > 0) {
                plus.add(id);
            }
        });
        net.clear();
        aggregates.applyRatings(minus, -1);
        aggregates.applyRatings(plus, 1);
    }
}
