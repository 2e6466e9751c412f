package vn.dancham.citizen.internal;

import vn.dancham.citizen.CitizenTemplate;
import vn.dancham.citizen.CitizenTemplate.Placeholder;
import vn.dancham.escalation.sms.SmsReference;
import vn.dancham.escalation.sms.SmsText;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template. The long values (the office's name, the dossier's status) are shortened between words when the
 * text would not fit; the rest (the receipt, the date, how to answer, the hotline) is never cut. Room is kept for the
 * outbox's reference stamp, so it never costs another segment. Pure.
 */
final class Texts {

    private static final Pattern TOKEN = Pattern.compile("\\{[^{}]{1,30}}");
    /** Cut, in this order of preference, when the text is too long. */
    private static final List<Placeholder> CUTTABLE = List.of(Placeholder.STATUS, Placeholder.OFFICE);

    private Texts() {
    }

    static SmsText render(String template, Map<Placeholder, String> values, int maxSegments, boolean strip) {
        Map<Placeholder, String> v = new EnumMap<>(values);
        for (Placeholder cut : CUTTABLE) {
            int at = template.indexOf(cut.token());
            if (at >= 0 && v.containsKey(cut)) {
                String head = fill(template.substring(0, at), v);
                String tail = fill(template.substring(at + cut.token().length()), v);
                return SmsText.fit(head, v.get(cut), tail, maxSegments, strip, SmsReference.MAX_STAMP_LENGTH);
            }
        }
        String text = fill(template, v);
        return SmsText.of(strip ? SmsText.stripDiacritics(text) : text);
    }

    private static String fill(String text, Map<Placeholder, String> values) {
        String out = text;
        for (var e : values.entrySet()) {
            out = out.replace(e.getKey().token(), e.getValue());
        }
        return out;
    }

    /** Placeholders in {@code text} that {@code kind} does not know (e.g. a typo), in order. */
    static List<String> unknownPlaceholders(CitizenTemplate kind, String text) {
        List<String> unknown = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group();
            if (kind.placeholders().stream().noneMatch(p -> p.token().equals(token)) && !unknown.contains(token)) {
                unknown.add(token);
            }
        }
        return unknown;
    }
}
