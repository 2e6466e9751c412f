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
    OFFICE_HEAD,
    /**
     * An officer who sees their own score ({@code /toi}) and nothing of anyone else's: linked to one officer
     * ({@code app_user.officer_id}); without another role they reach no other page with data.
     */
    OFFICER;

    public String authority() {
        return "ROLE_" + name();
    }
}
