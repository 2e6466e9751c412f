package vn.dancham.admin.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.dancham.text.StoredText;

import java.time.Instant;
import java.util.List;

import static vn.dancham.db.jooq.Tables.AUDIT_LOG;

/**
 * Who changed what, who listened to which recording and who exported what (table {@code audit_log}). Entries are
 * written in the caller's transaction, so a change and its audit entry stand or fall together.
 */
@Service
public class AuditLog {

    /** One audit entry as the audit page shows it. */
    public record Entry(long id, Instant at, String actor, String action, String targetType, String targetId,
                        String detail, String remoteAddr, StoredText detailText) {
    }

    private final DSLContext dsl;

    public AuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records an action by the signed-in user (or {@code system} outside a request). */
    public void record(String action, String targetType, Object targetId, String detail) {
        recordAs(currentActor(), action, targetType, targetId, detail);
    }

    /**
     * Records an action whose detail the application words: stored as a message code and arguments, so that the audit
     * page shows it in the reader's language.
     */
    public void recordText(String action, String targetType, Object targetId, StoredText detail) {
        recordTextAs(currentActor(), action, targetType, targetId, detail);
    }

    public void recordTextAs(String actor, String action, String targetType, Object targetId, StoredText detail) {
        insert(actor, action, targetType, targetId, null, detail);
    }

    /** {@code detail}: data shown as it is (a file name, a receipt number, a setting's value). */
    public void recordAs(String actor, String action, String targetType, Object targetId, String detail) {
        insert(actor, action, targetType, targetId, detail, null);
    }

    private void insert(String actor, String action, String targetType, Object targetId, String detail,
                        StoredText detailText) {
        dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.TARGET_TYPE, targetType)
                .set(AUDIT_LOG.TARGET_ID, targetId == null ? null : String.valueOf(targetId))
                .set(AUDIT_LOG.DETAIL, detail == null ? null : truncate(detail, 2000))
                .set(AUDIT_LOG.DETAIL_MESSAGE, detailText == null ? null : JSONB.valueOf(detailText.toJson()))
                .set(AUDIT_LOG.REMOTE_ADDR, remoteAddr())
                .execute();
    }

    /** The newest entries first, optionally filtered by actor, action or target (substring, case-insensitive). */
    public List<Entry> search(String text, int limit, int offset) {
        Condition where = DSL.noCondition();
        if (text != null && !text.isBlank()) {
            String like = "%" + text.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where = DSL.lower(AUDIT_LOG.ACTOR).like(like, '\\')
                    .or(DSL.lower(AUDIT_LOG.ACTION).like(like, '\\'))
                    .or(DSL.lower(AUDIT_LOG.TARGET_TYPE).like(like, '\\'))
                    .or(DSL.lower(AUDIT_LOG.TARGET_ID).like(like, '\\'))
                    .or(DSL.lower(AUDIT_LOG.DETAIL).like(like, '\\'))
                    // The arguments of a worded detail (a username, a value) are found as well.
                    .or(DSL.lower(AUDIT_LOG.DETAIL_MESSAGE.cast(String.class)).like(like, '\\'));
        }
        return dsl.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.ID.desc()).limit(limit).offset(offset)
                .fetch(r -> new Entry(r.getId(), r.getAt().toInstant(), r.getActor(), r.getAction(),
                        r.getTargetType(), r.getTargetId(), r.getDetail(), r.getRemoteAddr(),
                        r.getDetailMessage() == null ? null : StoredText.fromJson(r.getDetailMessage().data())));
    }

    static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "system" : auth.getName();
    }

    private static String remoteAddr() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
