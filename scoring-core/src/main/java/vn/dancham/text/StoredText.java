package vn.dancham.text;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Text the application stores for people to read later (an incident's title and summary, a timeline entry, an
 * audit detail), kept as a message code and its arguments instead of words, so that each reader sees it in their
 * language and the words can be changed in the message bundles without touching stored rows.
 * <p>
 * An argument is a value shown as it is (a {@link String}: a name, a receipt number, a time), a nested text (a
 * {@code StoredText}: a code such as a reason or a level shown as words) or a list of nested texts (shown one after
 * another, separated by "; "). Numbers are passed already formatted: what is stored is what was meant, not a
 * locale's rendering of it.
 *
 * @param code the message key, e.g. {@code incident.event.DIGEST_QUEUED}
 * @param args the arguments, in the order the message's {@code {0}}, {@code {1}}, … use them
 */
public record StoredText(String code, List<Object> args) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public StoredText {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("A stored text needs a message code");
        }
        args = List.copyOf(args.stream().map(a -> Objects.requireNonNullElse(a, "")).toList());
        for (Object a : args) {
            if (!(a instanceof String || a instanceof StoredText
                    || a instanceof List<?> l && l.stream().allMatch(StoredText.class::isInstance))) {
                throw new IllegalArgumentException("Not a stored text argument: " + a.getClass().getName());
            }
        }
    }

    /** A text; {@code null} arguments are stored as empty strings, numbers and other values by their toString. */
    public static StoredText of(String code, Object... args) {
        List<Object> list = new ArrayList<>();
        for (Object a : args) {
            list.add(a == null || a instanceof StoredText || a instanceof List<?> ? a : a.toString());
        }
        return new StoredText(code, list);
    }

    /** The words for a code, e.g. {@code word("incident.reason", "BUSY")} is the message {@code incident.reason.BUSY}. */
    public static StoredText word(String prefix, Object code) {
        return new StoredText(prefix + "." + (code instanceof Enum<?> e ? e.name() : code), List.of());
    }

    /**
     * Renders the text with a message lookup (key and already rendered arguments to words), nested texts first.
     */
    public String render(BiFunction<String, Object[], String> lookup) {
        Object[] rendered = new Object[args.size()];
        for (int i = 0; i < rendered.length; i++) {
            rendered[i] = switch (args.get(i)) {
                case StoredText t -> t.render(lookup);
                case List<?> l -> String.join("; ", l.stream().map(t -> ((StoredText) t).render(lookup)).toList());
                case Object o -> o;
            };
        }
        return lookup.apply(code, rendered);
    }

    /** The JSON stored in the database: {@code {"code": "…", "args": ["…", {"code": …}, [{…}, …]]}}. */
    public String toJson() {
        return JSON.writeValueAsString(node());
    }

    private ObjectNode node() {
        ObjectNode o = JSON.createObjectNode();
        o.put("code", code);
        ArrayNode array = o.putArray("args");
        for (Object a : args) {
            switch (a) {
                case StoredText t -> array.add(t.node());
                case List<?> l -> {
                    ArrayNode items = array.addArray();
                    l.forEach(t -> items.add(((StoredText) t).node()));
                }
                case Object s -> array.add((String) s);
            }
        }
        return o;
    }

    /** Reads what {@link #toJson()} wrote; null for null (a row written before texts were stored as codes). */
    public static StoredText fromJson(String json) {
        return json == null ? null : from(JSON.readTree(json));
    }

    private static StoredText from(JsonNode node) {
        List<Object> args = new ArrayList<>();
        for (JsonNode a : node.path("args")) {
            if (a.isArray()) {
                List<StoredText> items = new ArrayList<>();
                a.forEach(item -> items.add(from(item)));
                args.add(items);
            } else if (a.isObject()) {
                args.add(from(a));
            } else {
                args.add(a.asString());
            }
        }
        return new StoredText(node.path("code").asString(), args);
    }
}
