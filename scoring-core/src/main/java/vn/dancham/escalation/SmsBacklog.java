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
}
