package vn.dancham.admin.citizen;

import java.io.Serializable;

/**
 * What a visitor's session remembers after a successful look-up: the dossier it opened, with the receipt and digits
 * that opened it (the knowledge check a web rating is recorded with), and the one-time code sent for it, if any.
 * Kept in the session, never in the URL: a receipt and four digits in a link would end up in logs and histories.
 */
record LookupSession(long dossierId, String receipt, String digits, Long codeId) implements Serializable {

    static final String ATTRIBUTE = LookupSession.class.getName();

    LookupSession withCode(long id) {
        return new LookupSession(dossierId, receipt, digits, id);
    }

    LookupSession withoutCode() {
        return new LookupSession(dossierId, receipt, digits, null);
    }

    String subject() {
        return "dossier:" + dossierId;
    }
}
