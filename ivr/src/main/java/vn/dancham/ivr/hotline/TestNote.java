package vn.dancham.ivr.hotline;

import java.util.List;

/**
 * In a test call, what a real call would have done at this point, for the test-call page to show instead of doing
 * it. On the wire it is the channel variable {@link #VARIABLE} set to {@code KIND|arg|arg}; the page turns the kind
 * into a sentence of its message bundle, so no code reaches the tester.
 *
 * @param kind what happened
 * @param args the facts the sentence names (a leader's name, a phone), in order
 */
public record TestNote(Kind kind, List<String> args) {

    /** The channel variable a test note is set in (a real line ignores it: only test calls set it). */
    public static final String VARIABLE = "DANCHAM_TEST_NOTE";

    public enum Kind {
        /** Ratings stored as test: not counted, not replacing a real answer. */
        RATING,
        /** A complaint or a leader message stored as test: not in the inbox. */
        COMPLAINT,
        /** A harassment report stored as test; a real one opens an urgent incident and texts {name, phone}. */
        HARASSMENT,
        /** As above, but nobody is on duty for the office: the incident would wait for the escalation levels. */
        HARASSMENT_NOBODY_ON_DUTY,
        /** The leader {name, phone} would have been dialled; nobody was. */
        LEADER,
        /** Nobody is on duty: a real call records a missed leader call (incident and SMS). */
        LEADER_NOBODY_ON_DUTY
    }

    public TestNote {
        if (kind == null) {
            throw new IllegalArgumentException("A test note has a kind");
        }
        args = args.stream().map(a -> a == null ? "" : a.replaceAll("[|\"\\\\\\r\\n]", " ")).toList();
    }

    static TestNote of(Kind kind, String... args) {
        return new TestNote(kind, List.of(args));
    }

    /** {@code KIND|arg|arg}, as set in {@link #VARIABLE}. */
    public String wire() {
        return args.isEmpty() ? kind.name() : kind.name() + "|" + String.join("|", args);
    }
}
