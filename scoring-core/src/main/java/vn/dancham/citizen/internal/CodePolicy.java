package vn.dancham.citizen.internal;

import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.OneTimeCodes.CheckOutcome;
import vn.dancham.citizen.OneTimeCodes.IssueOutcome;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The rules of one-time codes as plain functions: when one may be sent, and what a typed code is worth. */
final class CodePolicy {

    static final int DIGITS = 6;

    /** A stored code as the check needs it. */
    record StoredCode(String salt, String hash, Instant expiresAt, Instant usedAt, int tries) {
    }

    /** The verdict, and the tries the code has counted after it. */
    record Verdict(CheckOutcome outcome, int triesAfter) {
    }

    private final CitizenProperties limits;

    CodePolicy(CitizenProperties limits) {
        this.limits = limits;
    }

    /** With this many codes already sent to the phone and asked for by the client within the window. */
    IssueOutcome mayIssue(int recentForPhone, int recentForClient) {
        // The phone first: it is the person being protected (an SMS flood), the client only our bill.
        if (recentForPhone >= limits.codesPerPhone()) {
            return IssueOutcome.PHONE_LIMIT;
        }
        if (recentForClient >= limits.codesPerClient()) {
            return IssueOutcome.CLIENT_LIMIT;
        }
        return IssueOutcome.SENT;
    }

    Verdict check(StoredCode code, String typed, Instant now) {
        if (code.usedAt() != null) {
            return new Verdict(CheckOutcome.USED, code.tries());
        }
        if (!now.isBefore(code.expiresAt())) {
            return new Verdict(CheckOutcome.EXPIRED, code.tries());
        }
        if (code.tries() >= limits.codeMaxTries()) {
            return new Verdict(CheckOutcome.TOO_MANY_TRIES, code.tries());
        }
        String digits = typed == null ? "" : typed.replaceAll("\\s", "");
        if (MessageDigest.isEqual(hash(code.salt(), digits).getBytes(StandardCharsets.US_ASCII),
                code.hash().getBytes(StandardCharsets.US_ASCII))) {
            return new Verdict(CheckOutcome.VERIFIED, code.tries());
        }
        int tries = code.tries() + 1;
        return new Verdict(tries >= limits.codeMaxTries() ? CheckOutcome.TOO_MANY_TRIES : CheckOutcome.WRONG, tries);
    }

    int triesLeft(int tries) {
        return Math.max(0, limits.codeMaxTries() - tries);
    }

    static String hash(String salt, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((salt + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
