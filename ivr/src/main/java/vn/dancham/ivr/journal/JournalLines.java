package vn.dancham.ivr.journal;

import vn.dancham.calls.CallLog;
import vn.dancham.complaint.NewComplaint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One kept answer per line: {@code <crc32 of the rest, 8 hex digits> <field>=<value>\t<field>=<value>...\n},
 * values escaped so that a line never holds a tab or a newline of its own. Plain text on purpose: an operator can
 * read and grep a journal during an outage. The checksum tells a line torn by a crash (or damaged on disk) from
 * a whole one.
 */
final class JournalLines {

    static final String VERSION = "1";

    private JournalLines() {
    }

    static String encode(KeptAnswer answer) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("v", VERSION);
        f.put("key", answer.key());
        JournalCall c = answer.call();
        f.put("uid", c.uniqueId());
        put(f, "call", c.callId());
        put(f, "caller", c.callerNumber());
        put(f, "dnis", c.dnis());
        put(f, "channel", c.channel());
        put(f, "node", c.node());
        f.put("started", c.startedAt().toString());
        if (c.test()) {
            f.put("test", "1");
        }
        f.put("at", answer.at().toString());
        switch (answer) {
            case KeptRating r -> {
                f.put("type", "RATING");
                put(f, "dossier", r.dossierId());
                put(f, "receipt", r.receiptNo());
                put(f, "office", r.officeId());
                f.put("question", r.questionCode());
                f.put("value", Integer.toString(r.value()));
                put(f, "known", r.knownDigits());
            }
            case KeptComplaint k -> {
                f.put("type", "COMPLAINT");
                f.put("kind", k.kind().name());
                put(f, "dossier", k.dossierId());
                put(f, "receipt", k.receiptNo());
                put(f, "office", k.officeId());
                put(f, "recording", k.recordingPath());
                put(f, "seconds", k.recordingSeconds());
                f.put("state", k.recordingState().name());
            }
            case KeptCallEnd e -> {
                f.put("type", "CALL_END");
                f.put("outcome", e.outcome().name());
                f.put("step", e.lastStep());
            }
        }
        StringBuilder payload = new StringBuilder();
        f.forEach((name, value) -> {
            if (!payload.isEmpty()) {
                payload.append('\t');
            }
            payload.append(name).append('=').append(escape(value));
        });
        return crc(payload.toString()) + " " + payload + "\n";
    }

    /**
     * The answer on one line (without its newline).
     *
     * @throws IllegalArgumentException when the line is damaged: wrong checksum, unknown version or type, or a
     *                                  value that cannot be an answer
     */
    static KeptAnswer decode(String line) {
        int space = line.indexOf(' ');
        if (space != 8) {
            throw new IllegalArgumentException("no checksum");
        }
        String payload = line.substring(space + 1);
        if (!line.substring(0, space).equals(crc(payload))) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String field : payload.split("\t", -1)) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed field " + field);
            }
            f.put(field.substring(0, eq), unescape(field.substring(eq + 1)));
        }
        if (!VERSION.equals(f.get("v"))) {
            throw new IllegalArgumentException("unknown version " + f.get("v"));
        }
        try {
            JournalCall call = new JournalCall(f.get("uid"), longOrNull(f.get("call")), f.get("caller"),
                    f.get("dnis"), f.get("channel"), f.get("node"), Instant.parse(f.get("started")),
                    "1".equals(f.get("test")));
            Instant at = Instant.parse(f.get("at"));
            return switch (String.valueOf(f.get("type"))) {
                case "RATING" -> new KeptRating(f.get("key"), call, longOrNull(f.get("dossier")), f.get("receipt"),
                        longOrNull(f.get("office")), f.get("question"), Integer.parseInt(f.get("value")), at,
                        f.get("known"));
                case "COMPLAINT" -> new KeptComplaint(f.get("key"), call, NewComplaint.Kind.valueOf(f.get("kind")),
                        longOrNull(f.get("dossier")), f.get("receipt"), longOrNull(f.get("office")),
                        f.get("recording"), f.get("seconds") == null ? null : Integer.valueOf(f.get("seconds")),
                        NewComplaint.RecordingState.valueOf(f.get("state")), at);
                case "CALL_END" -> new KeptCallEnd(f.get("key"), call, CallLog.Outcome.valueOf(f.get("outcome")),
                        f.get("step"), at);
                default -> throw new IllegalArgumentException("unknown type " + f.get("type"));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an answer: " + e.getMessage(), e);
        }
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch != '\\') {
                out.append(ch);
                continue;
            }
            if (++i == value.length()) {
                throw new IllegalArgumentException("dangling escape");
            }
            out.append(switch (value.charAt(i)) {
                case '\\' -> '\\';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> throw new IllegalArgumentException("unknown escape \\" + value.charAt(i));
            });
        }
        return out.toString();
    }

    private static void put(Map<String, String> f, String name, Object value) {
        if (value != null) {
            f.put(name, value.toString());
        }
    }

    private static Long longOrNull(String s) {
        return s == null ? null : Long.valueOf(s);
    }

    private static String crc(String payload) {
        CRC32 crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
