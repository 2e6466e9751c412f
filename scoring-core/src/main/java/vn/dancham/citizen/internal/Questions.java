package vn.dancham.citizen.internal;

import vn.dancham.rating.RatingQuestion;
import vn.dancham.text.Bundle;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The active questions as an SMS names them: a word or two each ({@code question.<criterion>} in
 * {@code vn/dancham/citizen/sms.properties}), in the order the answers are read.
 */
final class Questions {

    private static final Bundle WORDS = Bundle.of("vn.dancham.citizen.sms");

    private Questions() {
    }

    static String labels(List<RatingQuestion> active) {
        return active.stream().map(q -> WORDS.has("question." + q.criterion())
                ? WORDS.text("question." + q.criterion())
                : q.code().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
