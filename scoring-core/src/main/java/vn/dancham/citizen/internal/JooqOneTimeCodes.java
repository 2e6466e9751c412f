package vn.dancham.citizen.internal;

import org.jooq.DSLContext;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.OneTimeCodes;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.sms.Outbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

import static vn.dancham.db.jooq.Tables.ONE_TIME_CODE;

/** One-time codes over PostgreSQL: the code row and its SMS are written in one transaction. */
public final class JooqOneTimeCodes implements OneTimeCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext dsl;
    private final Outbox outbox;
    private final Clock clock;
    private final CitizenProperties properties;
    private final CodePolicy policy;

    public JooqOneTimeCodes(DSLContext dsl, Outbox outbox, Clock clock, CitizenProperties properties) {
        this.dsl = dsl;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.policy = new CodePolicy(properties);
    }

    @Override
    public Issue issue(Purpose purpose, String phone, String subject, String client, Function<String, String> smsText) {
        Optional<String> national = PhoneNumbers.normalise(phone).filter(p -> p.startsWith("0"));
        if (national.isEmpty()) {
            return new Issue(IssueOutcome.NOT_A_PHONE, 0, null);
        }
        String clientKey = CodePolicy.hash("client", client == null ? "" : client);
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            // Two requests at once for one phone (or from one client) must not both pass the count.
            tx.fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked", "otp-phone:" + national.get());
            tx.fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked", "otp-client:" + clientKey);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            var since = now.minus(properties.codeWindow()).atOffset(ZoneOffset.UTC);
            int forPhone = tx.fetchCount(ONE_TIME_CODE, ONE_TIME_CODE.PHONE.eq(national.get())
                    .and(ONE_TIME_CODE.CREATED_AT.gt(since)));
            int forClient = tx.fetchCount(ONE_TIME_CODE, ONE_TIME_CODE.CLIENT.eq(clientKey)
                    .and(ONE_TIME_CODE.CREATED_AT.gt(since)));
            IssueOutcome outcome = policy.mayIssue(forPhone, forClient);
            if (outcome != IssueOutcome.SENT) {
                return new Issue(outcome, 0, null);
            }
            String code = String.format("%0" + CodePolicy.DIGITS + "d", RANDOM.nextInt(1_000_000));
            byte[] saltBytes = new byte[16];
            RANDOM.nextBytes(saltBytes);
            String salt = HexFormat.of().formatHex(saltBytes);
            Instant expires = now.plus(properties.codeTtl());
            long id = tx.insertInto(ONE_TIME_CODE)
                    .set(ONE_TIME_CODE.PURPOSE, purpose.name())
                    .set(ONE_TIME_CODE.PHONE, national.get())
                    .set(ONE_TIME_CODE.SUBJECT, subject)
                    .set(ONE_TIME_CODE.CLIENT, clientKey)
                    .set(ONE_TIME_CODE.SALT, salt)
                    .set(ONE_TIME_CODE.CODE_HASH, CodePolicy.hash(salt, code))
                    .set(ONE_TIME_CODE.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(ONE_TIME_CODE.EXPIRES_AT, expires.atOffset(ZoneOffset.UTC))
                    .returning(ONE_TIME_CODE.ID).fetchSingle().getId();
            outbox.enqueue(tx, message(national.get(), smsText.apply(code), id), now);
            return new Issue(IssueOutcome.SENT, id, expires);
        });
    }

    /** The one place this feature builds an outbox message. */
    private static Outbox.Message message(String phone, String body, long codeId) {
        return new Outbox.Message(null, phone, null, null, null, "ONE_TIME_CODE", body, null, "otp:" + codeId);
    }

    @Override
    public Check check(long codeId, Purpose purpose, String subject, String typed) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var row = tx.selectFrom(ONE_TIME_CODE)
                    .where(ONE_TIME_CODE.ID.eq(codeId))
                    .and(ONE_TIME_CODE.PURPOSE.eq(purpose.name()))
                    .and(ONE_TIME_CODE.SUBJECT.eq(subject))
                    .forUpdate()
                    .fetchOne();
            if (row == null) {
                return new Check(CheckOutcome.UNKNOWN, null, 0);
            }
            Instant now = clock.instant();
            CodePolicy.Verdict verdict = policy.check(new CodePolicy.StoredCode(row.getSalt(), row.getCodeHash(),
                    row.getExpiresAt().toInstant(), row.getUsedAt() == null ? null : row.getUsedAt().toInstant(),
                    row.getTries()), typed, now);
            if (verdict.outcome() == CheckOutcome.VERIFIED) {
                tx.update(ONE_TIME_CODE).set(ONE_TIME_CODE.USED_AT, now.atOffset(ZoneOffset.UTC))
                        .where(ONE_TIME_CODE.ID.eq(codeId)).execute();
                return new Check(CheckOutcome.VERIFIED, row.getPhone(), policy.triesLeft(verdict.triesAfter()));
            }
            if (verdict.triesAfter() != row.getTries()) {
                tx.update(ONE_TIME_CODE).set(ONE_TIME_CODE.TRIES, (short) verdict.triesAfter())
                        .where(ONE_TIME_CODE.ID.eq(codeId)).execute();
            }
            return new Check(verdict.outcome(), null, policy.triesLeft(verdict.triesAfter()));
        });
    }
}
