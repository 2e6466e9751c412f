package vn.dancham.escalation.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * Several alerts due for one phone become one SMS: the oldest carries the text of as many as fit in the maximum
 * number of segments; the rest wait for the next SMS. A single alert goes with its own full text. The words are
 * {@code alert.bundle} in {@code vn/dancham/escalation/alerts.properties}, beside the alerts' own.
 */
final class Bundling {

    /** Named in full: {@link Bundle} below is this class's own record. */
    private static final vn.dancham.text.Bundle WORDS = vn.dancham.text.Bundle.of("vn.dancham.escalation.alerts");

    /** An alert waiting for a phone: its own full body and its one-line form. */
    record Due(long id, String body, String alertText) {
    }

    /** {@code carrier} goes with {@code text}; {@code bundled} ride inside it. */
    record Bundle(long carrier, List<Long> bundled, SmsText text) {
    }

    private Bundling() {
    }

    static Bundle compose(List<Due> due, int maxSegments, boolean strip) {
        Due first = due.getFirst();
        if (due.size() == 1 || first.alertText() == null) {
            return new Bundle(first.id(), List.of(), SmsText.of(strip ? SmsText.stripDiacritics(first.body())
                    : first.body()));
        }
        List<Due> lines = new ArrayList<>();
        SmsText best = null;
        for (Due d : due) {
            if (d.alertText() == null) {
                continue;
            }
            lines.add(d);
            SmsText candidate = text(lines, strip);
            // Room is kept for the reference the dispatcher stamps on it.
            if (SmsText.of(candidate.body() + "x".repeat(SmsReference.MAX_STAMP_LENGTH)).segments() > maxSegments
                    && lines.size() > 1) {
                lines.removeLast();
                break;
            }
            best = candidate;
        }
        if (lines.size() == 1) {
            return new Bundle(first.id(), List.of(), SmsText.of(strip ? SmsText.stripDiacritics(first.body())
                    : first.body()));
        }
        return new Bundle(lines.getFirst().id(), lines.subList(1, lines.size()).stream().map(Due::id).toList(), best);
    }

    private static SmsText text(List<Due> lines, boolean strip) {
        String s = WORDS.text("alert.bundle", lines.size(),
                String.join(" | ", lines.stream().map(Due::alertText).toList()));
        return SmsText.of(strip ? SmsText.stripDiacritics(s) : s);
    }
}
