package vn.dancham.ivr.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.calls.CallLog;
import vn.dancham.ivr.hotline.CallInfo;
import vn.dancham.ivr.hotline.HotlineFlow;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code hotline} script: one stateless instance serves every call; the call's state lives in the flow's
 * per-call object on the call's own thread.
 */
final class HotlineAgiScript implements AgiScript {

    static final String NAME = "hotline";
    private static final Logger log = LoggerFactory.getLogger(HotlineAgiScript.class);
    private static final Pattern OFFICE_CODE = Pattern.compile("[0-9]{1,6}");
    private static final Pattern SCRIPT_IN_URL = Pattern.compile("^h?agi://[^/]*/([^?]*)");

    private final HotlineFlow flow;
    private final String soundPrefix;
    private final TestCallKey testCallKey;
    private final RecordingsDirectory recordings;
    /** The AGI command lines every call sends, built once for all of them. */
    private final AgiCommandLines lines = new AgiCommandLines();

    /** A script that takes no call as a test call (tests of the wire). */
    HotlineAgiScript(HotlineFlow flow, String soundPrefix) {
        this(flow, soundPrefix, null);
    }

    HotlineAgiScript(HotlineFlow flow, String soundPrefix, TestCallKey testCallKey) {
        this(flow, soundPrefix, testCallKey, RecordingsDirectory.plain());
    }

    HotlineAgiScript(HotlineFlow flow, String soundPrefix, TestCallKey testCallKey, RecordingsDirectory recordings) {
        this.flow = flow;
        this.soundPrefix = soundPrefix;
        this.testCallKey = testCallKey;
        this.recordings = recordings;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        CallInfo info = callInfo(request, testCallKey);
        IvrMetrics.CALLS_IN_PROGRESS.incrementAndGet();
        String outcome = "FAILED";
        try {
            CallLog.Outcome ended = flow.handle(new AgiCaller(channel, soundPrefix, recordings, lines), info);
            outcome = ended == null ? "FAILED" : ended.name();
        } finally {
            IvrMetrics.CALLS_IN_PROGRESS.decrementAndGet();
            IvrMetrics.callEnded(outcome, info.test());
        }
    }

    /**
     * The call as Asterisk describes it; a test call when the request carries this node's {@link TestCallKey}. A
     * wrong key is a real call (warned about): a dialplan cannot make its callers' answers vanish into "test".
     */
    static CallInfo callInfo(AgiRequest request, TestCallKey testCallKey) {
        CallInfo info = callInfo(request);
        String presented = request.getParameter(TestCallKey.PARAMETER);
        if (presented == null) {
            return info;
        }
        if (testCallKey != null && testCallKey.matches(presented)) {
            return info.asTest();
        }
        log.warn("Call {} from {} presented a test-call key that is not this node's; served as a real call",
                info.uniqueId(), request.getRemoteAddress());
        return info;
    }

    /**
     * Whether a request is for this script: by {@code agi_network_script}, or, when a client left that line out,
     * by the path of {@code agi_request} ({@code agi://host:port/hotline?...}).
     */
    static boolean wants(AgiRequest request) {
        String script = request.getScript();
        if (script == null && request.getRequestURL() != null) {
            java.util.regex.Matcher m = SCRIPT_IN_URL.matcher(request.getRequestURL());
            script = m.find() ? m.group(1) : null;
        }
        return NAME.equals(script);
    }

    static CallInfo callInfo(AgiRequest request) {
        String uniqueId = request.getUniqueId();
        if (uniqueId == null || uniqueId.isBlank() || uniqueId.length() > 150) {
            // A broken environment still gets a served (and logged) call rather than silence.
            uniqueId = "no-uniqueid-" + UUID.randomUUID();
            log.warn("AGI request without a usable agi_uniqueid from {}; logging it as {}",
                    request.getRemoteAddress(), uniqueId);
        }
        String office = request.getParameter("office");
        if (office != null && !OFFICE_CODE.matcher(office).matches()) {
            office = null;
        }
        return new CallInfo(uniqueId, clip(request.getCallerIdNumber(), 40), clip(request.getDnid(), 40),
                clip(request.getChannel(), 200), office);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
