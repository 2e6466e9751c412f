package vn.dancham.escalation.sms;

/**
 * The gateway when no Twilio credentials are configured (demo, development): every message stays in the outbox
 * marked SIMULATED, and the web shows it as not sent. It never pretends a delivery.
 */
final class SimulatedSmsGateway implements SmsGateway {

    @Override
    public SendResult send(String toPhone, String body, String statusCallback) {
        return new SendResult.Simulated();
    }

    @Override
    public SentLookup findSent(String toPhone, long messageId, java.time.Instant since) {
        // Nothing ever left the building.
        return new SentLookup.NotFound();
    }

    @Override
    public boolean real() {
        return false;
    }
}
