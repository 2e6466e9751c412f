package vn.dancham.escalation;

import java.util.List;
import java.util.Optional;

/** Incidents for the web: list, open one, acknowledge, resolve, and the SMS backlog. */
public interface Incidents {

    List<IncidentSummary> list(IncidentFilter filter);

    Optional<IncidentDetail> find(long id);

    /** Stops escalation, cancels SMS not yet sent for it; {@code actor} is who did it (user name or phone). */
    IncidentChange acknowledge(long id, String actor);

    /** Closes the incident with a note (required, at most 2000 characters); stops escalation if still running. */
    IncidentChange resolve(long id, String actor, String note);

    SmsBacklog backlog();
}
