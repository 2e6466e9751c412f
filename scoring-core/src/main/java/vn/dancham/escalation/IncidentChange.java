package vn.dancham.escalation;

/** The outcome of acknowledging or resolving an incident: expected outcomes, not exceptions. */
public sealed interface IncidentChange {

    record Done(IncidentSummary incident) implements IncidentChange {
    }

    /** The incident is already in a state that does not allow it (e.g. acknowledging a resolved incident). */
    record NotAllowed(IncidentSummary incident, String reasonVi, String reasonEn) implements IncidentChange {
    }

    record NotFound(long id) implements IncidentChange {
    }

    /** The input was not acceptable (e.g. an empty resolution note); nothing changed. */
    record Invalid(String field, String reasonVi, String reasonEn) implements IncidentChange {
    }
}
