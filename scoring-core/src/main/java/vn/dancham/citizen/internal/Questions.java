package vn.dancham.citizen.internal;

import vn.dancham.rating.RatingQuestion;

import java.util.List;
import java.util.stream.Collectors;

/** The active questions as an SMS names them: a word or two each, in the order the answers are read. */
final class Questions {

    private Questions() {
    }

    static String labels(List<RatingQuestion> active) {
        return active.stream().map(q -> switch (q.criterion()) {
            case "ATTITUDE" -> "thái độ";
            case "TIMELINESS" -> "đúng hẹn";
            case "OVERALL" -> "hài lòng";
            default -> q.code().toLowerCase(java.util.Locale.ROOT);
        }).collect(Collectors.joining(", "));
    }
}
