package vn.dancham.escalation;

import java.util.List;

/** The outcome of acknowledging or resolving an incident: expected outcomes, not exceptions. */
public sealed interface IncidentChange {

    record Done(IncidentSummary incident) implements IncidentChange {
    }

    /**
     * The incident is already in a state that does not allow it (e.g. acknowledging a resolved incident); {@code code}
     * ({@code ALREADY_RESOLVED}, {@code ALREADY_ACKNOWLEDGED}) is rendered by the admin web from its bundles.
     */
    record NotAllowed(IncidentSummary incident, String code) implements IncidentChange {
    }

    record NotFound(long id) implements IncidentChange {
    }

    /** The input was not acceptable (e.g. an empty resolution note); nothing changed. A code and its arguments. */
    record Invalid(String field, String code, List<Object> args) implements IncidentChange {
        public Invalid {
            args = List.copyOf(args);
        }

        public Invalid(String field, String code, Object... args) {
            this(field, code, List.of(args));
        }
    }
}
