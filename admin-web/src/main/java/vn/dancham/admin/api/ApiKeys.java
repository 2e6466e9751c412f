package vn.dancham.admin.api;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static vn.dancham.db.jooq.Tables.API_KEY;

/**
 * API keys for the one-stop dossier system (table {@code api_key}). A key is shown once when issued; only its
 * SHA-256 is stored (keys are long random strings, so a fast hash is enough — no dictionary to attack).
 */
@Service
public class ApiKeys {

    /** A key as the administration page lists it: never the key itself. */
    public record KeyInfo(long id, String name, String prefix, String createdBy, Instant createdAt,
                          Instant revokedAt, Instant lastUsedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A newly issued key: {@code secret} is shown to the administrator once and never again. */
    public record IssuedKey(long id, String name, String secret) {
    }

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext dsl;

    public ApiKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Transactional
    public IssuedKey issue(String name, String createdBy) {
        StringBuilder secret = new StringBuilder("dc_");
        for (int i = 0; i < 40; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String key = secret.toString();
        long id = dsl.insertInto(API_KEY)
                .set(API_KEY.NAME, name)
                .set(API_KEY.KEY_PREFIX, key.substring(0, 8))
                .set(API_KEY.KEY_HASH, sha256(key))
                .set(API_KEY.CREATED_BY, createdBy)
                .returning(API_KEY.ID).fetchSingle().getId();
        return new IssuedKey(id, name, key);
    }

    @Transactional
    public boolean revoke(long id) {
        return dsl.update(API_KEY).set(API_KEY.REVOKED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(API_KEY.ID.eq(id).and(API_KEY.REVOKED_AT.isNull())).execute() == 1;
    }

    /** The active key matching the presented secret, if any; marks it used. */
    @Transactional
    public Optional<KeyInfo> authenticate(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return Optional.empty();
        }
        return dsl.update(API_KEY).set(API_KEY.LAST_USED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(API_KEY.KEY_HASH.eq(sha256(presented.trim())).and(API_KEY.REVOKED_AT.isNull()))
                .returning().fetchOptional().map(ApiKeys::info);
    }

    public List<KeyInfo> list() {
        return dsl.selectFrom(API_KEY).orderBy(API_KEY.ID.desc()).fetch(ApiKeys::info);
    }

    private static KeyInfo info(vn.dancham.db.jooq.tables.records.ApiKeyRecord r) {
        return new KeyInfo(r.getId(), r.getName(), r.getKeyPrefix(), r.getCreatedBy(), r.getCreatedAt().toInstant(),
                r.getRevokedAt() == null ? null : r.getRevokedAt().toInstant(),
                r.getLastUsedAt() == null ? null : r.getLastUsedAt().toInstant());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
