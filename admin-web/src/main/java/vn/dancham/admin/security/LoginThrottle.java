package vn.dancham.admin.security;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.text.StoredText;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static vn.dancham.db.jooq.Tables.LOGIN_DEVICE;
import static vn.dancham.db.jooq.Tables.LOGIN_THROTTLE;

/**
 * Slows guessing down without ever locking anyone out (tables {@code login_throttle}, {@code login_device}).
 * Wrong passwords are counted per client address and per typed username, whether that user exists or not, so
 * a stranger learns nothing about which names exist; {@link LoginThrottlePolicy} turns a count into a wait. A
 * browser that has signed in as a user before carries a device token and skips that account's wait (it still
 * waits for its own address), so whoever hammers {@code admin} from elsewhere does not keep {@code admin} out.
 * Kept in PostgreSQL so every node behind a load balancer counts the same tries and the users page shows them.
 */
@Service
public class LoginThrottle {

    /** What a count is kept for. */
    public enum Kind { CLIENT, ACCOUNT }

    /** A client or account whose next try has to wait, as the users page lists it. */
    public record Slowed(Kind kind, String key, int failures, Instant lastFailureAt, Instant nextAttemptAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_KEY = 200;

    private final DSLContext dsl;
    private final LoginThrottlePolicy policy;
    private final AuditLog auditLog;
    private final Clock clock;

    public LoginThrottle(DSLContext dsl, WebProperties properties, AuditLog auditLog) {
        this.dsl = dsl;
        var login = properties.login();
        this.policy = new LoginThrottlePolicy(login.freeFailures(), login.firstDelay(), login.maxDelay(),
                login.forgetAfter());
        this.auditLog = auditLog;
        this.clock = Clock.systemUTC();
    }

    /** The username as it is counted: what login looks up (trimmed, lower case), cut to the column's size. */
    static String accountKey(String username) {
        String key = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    static String clientKey(String address) {
        String key = address == null || address.isBlank() ? "unknown" : address;
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    /**
     * Whether a try must be turned away before its password is looked at: this client is waiting, or the account
     * is and this browser has not signed in as it before.
     */
    public boolean mustWait(String client, String username, String deviceToken) {
        Instant now = clock.instant();
        if (policy.mustWait(find(Kind.CLIENT, clientKey(client)), now)) {
            return true;
        }
        String account = accountKey(username);
        return !account.isEmpty() && !trustedDevice(account, deviceToken)
                && policy.mustWait(find(Kind.ACCOUNT, account), now);
    }

    /** Counts a wrong password (or unknown username) against the client and the typed username. */
    @Transactional
    public void failed(String client, String username) {
        Instant now = clock.instant();
        dsl.deleteFrom(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.LAST_FAILURE_AT.lt(utc(now.minus(policy.forgetAfter())))).execute();
        count(Kind.CLIENT, clientKey(client), now);
        String account = accountKey(username);
        if (!account.isEmpty()) {
            count(Kind.ACCOUNT, account, now);
        }
    }

    /**
     * A good password: both counts start again, and the browser's device token is returned (the one it had when
     * still valid for this user, else a new one) for the caller to set as a cookie.
     */
    @Transactional
    public String succeeded(String client, String username, String deviceToken) {
        String account = accountKey(username);
        dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KIND.eq(Kind.CLIENT.name())
                .and(LOGIN_THROTTLE.KEY.eq(clientKey(client)))).execute();
        dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KIND.eq(Kind.ACCOUNT.name())
                .and(LOGIN_THROTTLE.KEY.eq(account))).execute();
        OffsetDateTime now = utc(clock.instant());
        if (trustedDevice(account, deviceToken)) {
            dsl.update(LOGIN_DEVICE).set(LOGIN_DEVICE.LAST_USED_AT, now)
                    .where(LOGIN_DEVICE.TOKEN_SHA256.eq(sha256(deviceToken))).execute();
            return deviceToken;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        dsl.insertInto(LOGIN_DEVICE).set(LOGIN_DEVICE.TOKEN_SHA256, sha256(token))
                .set(LOGIN_DEVICE.USERNAME, account).set(LOGIN_DEVICE.CREATED_AT, now)
                .set(LOGIN_DEVICE.LAST_USED_AT, now).execute();
        return token;
    }

    /** Clients and accounts whose tries are being slowed now, longest wait first. */
    public List<Slowed> slowed() {
        Instant now = clock.instant();
        return dsl.selectFrom(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.NEXT_ATTEMPT_AT.gt(utc(now)))
                .and(LOGIN_THROTTLE.LAST_FAILURE_AT.gt(utc(now.minus(policy.forgetAfter()))))
                .orderBy(LOGIN_THROTTLE.NEXT_ATTEMPT_AT.desc(), LOGIN_THROTTLE.KIND, LOGIN_THROTTLE.KEY)
                .fetch(r -> new Slowed(Kind.valueOf(r.getKind()), r.getKey(), r.getFailures(),
                        r.getLastFailureAt().toInstant(), r.getNextAttemptAt().toInstant()));
    }

    /** An administrator lets a client or an account try again at once; audited. False when nothing was counted. */
    @Transactional
    public boolean clear(Kind kind, String key) {
        int deleted = dsl.deleteFrom(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.KIND.eq(kind.name()).and(LOGIN_THROTTLE.KEY.eq(key))).execute();
        if (deleted > 0) {
            auditLog.record("LOGIN_THROTTLE_CLEARED", kind == Kind.CLIENT ? "LOGIN_CLIENT" : "LOGIN_ACCOUNT", key, null);
        }
        return deleted > 0;
    }

    private void count(Kind kind, String key, Instant now) {
        // Insert-or-nothing, then lock the row: two tries at once are both counted, never one lost.
        dsl.insertInto(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.KIND, kind.name()).set(LOGIN_THROTTLE.KEY, key)
                .set(LOGIN_THROTTLE.FAILURES, 0).set(LOGIN_THROTTLE.LAST_FAILURE_AT, utc(now))
                .set(LOGIN_THROTTLE.NEXT_ATTEMPT_AT, utc(now))
                .onConflictDoNothing().execute();
        var row = dsl.selectFrom(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.KIND.eq(kind.name()).and(LOGIN_THROTTLE.KEY.eq(key)))
                .forUpdate().fetchSingle();
        var before = row.getFailures() == 0 ? null : new LoginThrottlePolicy.Strikes(row.getFailures(),
                row.getLastFailureAt().toInstant(), row.getNextAttemptAt().toInstant());
        var after = policy.afterFailure(before, now);
        row.setFailures(after.failures());
        row.setLastFailureAt(utc(after.lastFailureAt()));
        row.setNextAttemptAt(utc(after.nextAttemptAt()));
        row.store();
        if (after.failures() == policy.freeFailures()) {
            // Once per run of failures, when the waiting starts: who was being guessed at, from where.
            auditLog.recordTextAs("system", "LOGIN_THROTTLED", kind == Kind.CLIENT ? "LOGIN_CLIENT" : "LOGIN_ACCOUNT", key,
                    StoredText.of("audit.text.LOGIN_THROTTLED", after.failures()));
        }
    }

    private LoginThrottlePolicy.Strikes find(Kind kind, String key) {
        return dsl.selectFrom(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.KIND.eq(kind.name()).and(LOGIN_THROTTLE.KEY.eq(key)))
                .fetchOptional()
                .filter(r -> r.getFailures() > 0)
                .map(r -> new LoginThrottlePolicy.Strikes(r.getFailures(), r.getLastFailureAt().toInstant(),
                        r.getNextAttemptAt().toInstant()))
                .orElse(null);
    }

    private boolean trustedDevice(String account, String token) {
        return token != null && !token.isBlank() && token.length() <= 100 && dsl.fetchExists(LOGIN_DEVICE,
                LOGIN_DEVICE.TOKEN_SHA256.eq(sha256(token)).and(LOGIN_DEVICE.USERNAME.eq(account)));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
