package vn.dancham.escalation.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.escalation.TwilioProperties;

/** Chooses the gateway: Twilio when it is configured, otherwise the simulated one (and says so at start-up). */
public final class SmsGateways {

    private static final Logger log = LoggerFactory.getLogger(SmsGateways.class);

    private SmsGateways() {
    }

    public static SmsGateway create(TwilioProperties twilio) {
        if (twilio.configured()) {
            log.info("SMS through Twilio (account {}, sender {})", twilio.accountSid(),
                    twilio.messagingServiceSid() != null && !twilio.messagingServiceSid().isBlank()
                            ? twilio.messagingServiceSid() : twilio.fromNumber());
            return new TwilioSmsGateway(twilio);
        }
        log.warn("SMS are SIMULATED (stored and shown in the web, never sent): missing {}", twilio.missing());
        return new SimulatedSmsGateway();
    }
}
