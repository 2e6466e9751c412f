package vn.dancham.ivr.agi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This node's proof that a FastAGI call comes from its own test-call page: a random key made when the process
 * starts, held only in memory (never configured, logged or stored), passed by the softphone as the script parameter
 * {@code hotline?test=<key>}. An Asterisk dialplan cannot set it: nobody can read it, and 256 random bits cannot be
 * guessed. A call with a wrong key is served as a real call.
 */
public final class TestCallKey {

    /** The AGI script parameter that carries the key. */
    public static final String PARAMETER = "test";

    private final String key;

    private TestCallKey(String key) {
        this.key = key;
    }

    static TestCallKey random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new TestCallKey(HexFormat.of().formatHex(bytes));
    }

    /** The key, for the softphone of this node only. */
    public String value() {
        return key;
    }

    /** Whether {@code presented} is this key, in time that does not depend on where it differs. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "TestCallKey[hidden]";
    }
}
