package vn.dancham.bench.agi;

import java.util.Map;

/**
 * What one simulated caller does: the keys they will press, in order, and the channel variables Asterisk would
 * hand the script.
 *
 * @param scenario   a name for reports and for the bare baseline's transcript of the same call
 * @param script     the FastAGI script path, e.g. {@code hotline} or {@code bare?scenario=status}
 * @param callerId   the caller number Asterisk puts in {@code agi_callerid}, null for a withheld number
 * @param keys       DTMF the caller presses, in order; input commands take from it (GET DATA up to '#' or the
 *                   maximum, WAIT FOR DIGIT / GET OPTION one key, RECORD FILE a terminating key). When it is
 *                   empty and the server asks for input, the caller hangs up.
 * @param failurePrompt a regular expression on played prompt names that marks the call failed (e.g. the "please
 *                   call again later" prompt), null for none
 */
public record CallPlan(String scenario, String script, String callerId, String keys, String failurePrompt,
                       Map<String, String> variables) {

    public CallPlan {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public CallPlan withScript(String newScript) {
        return new CallPlan(scenario, newScript, callerId, keys, failurePrompt, variables);
    }
}
