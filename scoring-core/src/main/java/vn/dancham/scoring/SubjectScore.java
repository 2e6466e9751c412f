package vn.dancham.scoring;

/** The figures of one subject over one period. */
public record SubjectScore(Subject subject, String name, Period period, ScoreFigures figures) {
}
