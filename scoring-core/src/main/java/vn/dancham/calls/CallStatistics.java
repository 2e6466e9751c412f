package vn.dancham.calls;

import java.time.Instant;
import java.util.Map;

/** Counts of hotline calls for the dashboard (read-only; the admin web never reads the call tables itself). */
public interface CallStatistics {

    /**
     * Calls started in {@code [from, to)}: how many, and how many by outcome (IN_PROGRESS, COMPLETED, ABANDONED,
     * TRANSFERRED, FAILED, INTERRUPTED; outcomes without calls are left out).
     */
    CallCounts between(Instant from, Instant to);

    /**
     * Calls started in {@code [from, to)} about one office: those that left a rating or a complaint charged to it
     * (what an office head's dashboard counts; the hotline's other calls are the province's business).
     */
    CallCounts between(Instant from, Instant to, long officeId);

    record CallCounts(long total, Map<String, Long> byOutcome) {
        public CallCounts {
            byOutcome = Map.copyOf(byOutcome);
        }
    }
}
