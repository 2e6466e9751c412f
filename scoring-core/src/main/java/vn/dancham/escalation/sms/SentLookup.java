package vn.dancham.escalation.sms;

/**
 * Whether the provider already holds a message: asked before sending again a message whose first attempt ended
 * without an answer (a timeout, or a node that died between handing it over and writing down the provider's id).
 */
public sealed interface SentLookup {

    /** The provider took it: its id and its own word for the state (queued, sent, delivered, …). */
    record Found(String providerSid, String status) implements SentLookup {
    }

    /** The provider has no such message: sending it again cannot make a duplicate. */
    record NotFound() implements SentLookup {
    }

    /** The provider could not be asked now (outage, timeout): ask again later, send nothing meanwhile. */
    record Unknown(String reason) implements SentLookup {
    }
}
