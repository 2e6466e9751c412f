package vn.dancham.scoring;

import java.util.List;

/**
 * What a subject's page shows first: the score over a period and the trend of weeks or months, read together
 * ({@link Scores#page}: for an officer whose figures are kept ready, one statement).
 */
public record SubjectPage(SubjectScore score, List<TrendPoint> trend) {

    public SubjectPage {
        trend = List.copyOf(trend);
    }
}
