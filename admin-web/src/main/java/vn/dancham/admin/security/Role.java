package vn.dancham.admin.security;

/** The roles a web user can hold (table {@code user_role}). */
public enum Role {
    /** Users, organisation, settings, API keys, audit log. */
    ADMIN,
    /** Department of home affairs: scores, officers, flagged ratings, exports. */
    HR,
    /** District/provincial leaders: dashboard, incidents, duty roster. */
    LEADER,
    /** Complaint handlers: the complaints inbox and recordings. */
    COMPLAINT_HANDLER,
    /** Head of one office: that office's scores, dossiers and incidents only. */
    OFFICE_HEAD;

    public String authority() {
        return "ROLE_" + name();
    }
}
