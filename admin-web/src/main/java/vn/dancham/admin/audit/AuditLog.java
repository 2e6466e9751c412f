package vn.dancham.admin.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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
                        String detail, String remoteAddr) {
    }

    private final DSLContext dsl;

    public AuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records an action by the signed-in user (or {@code system} outside a request). */
    public void record(String action, String targetType, Object targetId, String detail) {
        recordAs(currentActor(), action, targetType, targetId, detail);
    }

    public void recordAs(String actor, String action, String targetType, Object targetId, String detail) {
        dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.TARGET_TYPE, targetType)
                .set(AUDIT_LOG.TARGET_ID, targetId == null ? null : String.valueOf(targetId))
                .set(AUDIT_LOG.DETAIL, detail == null ? null : truncate(detail, 2000))
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
                    .or(DSL.lower(AUDIT_LOG.DETAIL).like(like, '\\'));
        }
        return dsl.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.ID.desc()).limit(limit).offset(offset)
                .fetch(r -> new Entry(r.getId(), r.getAt().toInstant(), r.getActor(), r.getAction(),
                        r.getTargetType(), r.getTargetId(), r.getDetail(), r.getRemoteAddr()));
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
