package vn.dancham.escalation.sms;

import vn.dancham.text.Diacritics;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a leader's reply: "OK 4821", "ok4821", " Ok  4821.", "OK" alone (the code is then implied), also the
 * Vietnamese "Nhận 4821". Anything else is not an acknowledgement.
 */
public final class ReplyParser {

    /** An acknowledgement; {@code code} is empty for a bare "OK". */
    public record Ack(Optional<String> code) {
    }

    private static final Pattern ACK = Pattern.compile("^(?:OK|O\\s*K|NHAN|DA NHAN)\\s*[:#\\-]?\\s*([0-9]{4})?[.!\\s]*$");

    private ReplyParser() {
    }

    public static Optional<Ack> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String s = Diacritics.strip(body)
                .strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        Matcher m = ACK.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Ack(Optional.ofNullable(m.group(1))));
    }
}
