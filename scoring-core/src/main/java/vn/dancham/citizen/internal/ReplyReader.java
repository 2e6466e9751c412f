package vn.dancham.citizen.internal;

import vn.dancham.text.Diacritics;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a citizen's SMS leniently: answers as digits with any separators ({@code 5 4 5}, {@code 5,4,5},
 * {@code 545}), as Vietnamese words ({@code năm bốn năm}, without diacritics too), with stray words around them
 * ({@code cảm ơn, tôi chấm 5 4 5 ạ}), a receipt number of six or more digits naming the dossier; {@code HS <receipt>}
 * for the status; {@code TC} / {@code STOP} to opt out. Pure: no database, no clock.
 * <p>
 * Digits win over words: "rất hài lòng 5 4 5" is three answers, not four ("hài" reads as "hai", two). Words are read
 * only when the SMS has no digit at all. Exactly as many answers as there are questions, each 1–5, or it is unclear:
 * a guess would put words in the citizen's mouth.
 */
final class ReplyReader {

    /** A receipt in an SMS has at least this many digits, so that it is never taken for glued answers. */
    static final int MIN_RECEIPT_DIGITS = 6;

    private static final Map<String, Integer> WORDS = Map.of("mot", 1, "hai", 2, "ba", 3, "bon", 4, "tu", 4,
            "nam", 5, "lam", 5);
    private static final Pattern STATUS = Pattern.compile("^(?:HS|HO SO|TRA CUU|TRA CUU HS)\\s*[:#.\\-]?\\s*([0-9]{4,20})$");
    private static final Pattern OPT_OUT = Pattern.compile("^(?:TC|T C|TU CHOI|STOP|HUY|KHONG NHAN TIN)$");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern WORD = Pattern.compile("[a-z]+");

    private ReplyReader() {
    }

    static CitizenReply read(String body, int questions) {
        if (body == null || body.isBlank() || questions < 1) {
            return new CitizenReply.Unclear();
        }
        // NFKC turns full-width digits (a phone's CJK keyboard) into ASCII; then diacritics go (đ → d).
        String plain = Diacritics.strip(Normalizer.normalize(body, Normalizer.Form.NFKC)).toUpperCase(Locale.ROOT);
        String words = plain.replaceAll("[^A-Z0-9]+", " ").strip();
        if (OPT_OUT.matcher(words).matches()) {
            return new CitizenReply.OptOut();
        }
        Matcher status = STATUS.matcher(words);
        if (status.matches()) {
            return new CitizenReply.Status(status.group(1));
        }
        List<String> runs = new ArrayList<>();
        Matcher d = DIGITS.matcher(words);
        while (d.find()) {
            runs.add(d.group());
        }
        Optional<String> receipt = Optional.empty();
        List<Integer> values = new ArrayList<>();
        if (!runs.isEmpty()) {
            for (String run : runs) {
                if (run.length() >= MIN_RECEIPT_DIGITS) {
                    if (receipt.isPresent()) {
                        return new CitizenReply.Unclear();
                    }
                    receipt = Optional.of(run);
                } else {
                    // "545" is three answers when it is all of them; "5 4 5" three runs of one.
                    for (char c : run.toCharArray()) {
                        values.add(c - '0');
                    }
                }
            }
        } else {
            Matcher w = WORD.matcher(words.toLowerCase(Locale.ROOT));
            while (w.find()) {
                Integer v = WORDS.get(w.group());
                if (v != null) {
                    values.add(v);
                }
            }
        }
        if (values.size() != questions || values.stream().anyMatch(v -> v < 1 || v > 5)) {
            return new CitizenReply.Unclear();
        }
        return new CitizenReply.Answers(values, receipt);
    }
}
