package vn.dancham.ivr.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code agi_*} lines Asterisk sends first on a FastAGI connection (res_agi.c's launch_netscript and setup_env). */
public final class AgiEnvironment {

    private AgiEnvironment() {
    }

    /**
     * What Asterisk 22 sends for {@code AGI(agi://host/<script>)} on a call coming in over a PJSIP trunk, in its
     * order. The map is the caller's to change: override the channel, remove lines or add garbage to test a server.
     *
     * @param callerNumber null for a withheld number ({@code unknown}, presentation restricted)
     */
    public static LinkedHashMap<String, String> incoming(String script, String uniqueId, String callerNumber) {
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        env.put("agi_network", "yes");
        env.put("agi_network_script", script);
        env.put("agi_request", "agi://127.0.0.1/" + script);
        env.put("agi_channel", "PJSIP/trunk-" + uniqueId.replace('.', '-'));
        env.put("agi_language", "vi");
        env.put("agi_type", "PJSIP");
        env.put("agi_uniqueid", uniqueId);
        env.put("agi_version", "22.10.1");
        env.put("agi_callerid", callerNumber == null ? "unknown" : callerNumber);
        env.put("agi_calleridname", "unknown");
        env.put("agi_callingpres", callerNumber == null ? "32" : "0");
        env.put("agi_callingani2", "0");
        env.put("agi_callington", "0");
        env.put("agi_callingtns", "0");
        env.put("agi_dnid", "1022");
        env.put("agi_rdnis", "unknown");
        env.put("agi_context", "dancham-hotline");
        env.put("agi_extension", "1022");
        env.put("agi_priority", "3");
        env.put("agi_enhanced", "0.0");
        env.put("agi_accountcode", "");
        env.put("agi_threadid", Long.toString(140_000_000_000L + (uniqueId.hashCode() & 0xffffffL)));
        return env;
    }

    /** One {@code key: value} line each, then the blank line that ends the environment. */
    static String text(Map<String, String> env) {
        StringBuilder s = new StringBuilder(512);
        env.forEach((k, v) -> s.append(k).append(": ").append(v).append('\n'));
        return s.append('\n').toString();
    }
}
