package vn.dancham.rating;

/** A configured rating question with its prompt text, in the order callers hear them. */
public record RatingQuestion(long id, String code, String criterion, int seq, String promptVi, String promptEn) {
}
