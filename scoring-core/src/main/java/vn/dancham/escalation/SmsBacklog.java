package vn.dancham.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * SMS not (yet) delivered: counts by state and the messages still waiting (PENDING/SENDING) or failed recently,
 * so the web can show a Twilio outage and its recovery.
 *
 * @param oldestWaitingSince created_at of the oldest message still waiting, null when none waits
 */
public record SmsBacklog(Map<String, Long> countsByState, Instant oldestWaitingSince, List<SmsView> waiting,
                         List<SmsView> recentlyFailed, boolean simulatedGateway) {

    /**
     * Since when the provider has not taken messages it was offered (the oldest message still waiting after a
     * failed attempt), null when none: a Twilio outage, shown loudly on the dashboard and the backlog page.
     */
    public Instant failingSince() {
        return waiting.stream().filter(SmsView::stuck).map(SmsView::createdAt).min(Instant::compareTo).orElse(null);
    }

    /** The newest error of a message still waiting, for the banner; null when none. */
    public String lastError() {
        return waiting.stream().filter(SmsView::stuck).reduce((a, b) -> b).map(SmsView::lastError).orElse(null);
    }

    /** How many messages wait after a failed attempt. */
    public long stuckCount() {
        return waiting.stream().filter(SmsView::stuck).count();
    }
}
