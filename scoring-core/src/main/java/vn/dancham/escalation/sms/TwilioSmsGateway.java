package vn.dancham.escalation.sms;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.base.Page;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import org.apache.hc.core5.http.Header;
import vn.dancham.escalation.TwilioProperties;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Sends SMS through Twilio's Messages API with the official SDK. */
final class TwilioSmsGateway implements SmsGateway {

    private final TwilioRestClient client;
    private final TwilioProperties properties;

    TwilioSmsGateway(TwilioProperties properties) {
        this.properties = properties;
        TwilioRestClient.Builder builder = properties.apiKeySid() != null && !properties.apiKeySid().isBlank()
                ? new TwilioRestClient.Builder(properties.apiKeySid(), properties.apiKeySecret())
                .accountSid(properties.accountSid())
                : new TwilioRestClient.Builder(properties.accountSid(), properties.authToken());
        this.client = builder.httpClient(new TwilioHttpClient(properties.requestTimeout(), properties.apiBaseUrl()))
                .build();
    }

    @Override
    public SendResult send(String toPhone, String body, String statusCallback) {
        PhoneNumber to = new PhoneNumber(toPhone);
        MessageCreator creator = properties.messagingServiceSid() != null
                && !properties.messagingServiceSid().isBlank()
                ? Message.creator(to, properties.messagingServiceSid(), body)
                : Message.creator(to, new PhoneNumber(properties.fromNumber()), body);
        if (statusCallback != null) {
            creator.setStatusCallback(statusCallback);
        }
        try {
            Message message = creator.create(client);
            return new SendResult.Accepted(message.getSid(),
                    message.getStatus() == null ? "queued" : message.getStatus().toString());
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            Response last = TwilioHttpClient.lastResponseOnThisThread();
            if (status == null && last != null) {
                status = last.getStatusCode();
            }
            if (status == null) {
                // No HTTP answer at all: timeout, refused or reset connection. Twilio may have taken it.
                return new SendResult.Unsure("no response: " + e.getMessage());
            }
            if (status == 429 || status >= 500) {
                return new SendResult.RetryLater("HTTP " + status + (e.getCode() != null ? " code " + e.getCode()
                        : "") + ": " + e.getMessage(), retryAfter(last));
            }
            if (status == 401 || status == 403) {
                // Wrong credentials are an operator's problem, not the number's: keep the message and retry.
                return new SendResult.RetryLater("HTTP " + status + " (check Twilio credentials): "
                        + e.getMessage(), null);
            }
            // Any other 4xx (400 with 21211 and friends, 404 unknown account resource…) will not get better by
            // itself: fail this message so escalation moves on to the next contact.
            return new SendResult.Rejected(e.getCode(), e.getMessage());
        } catch (TwilioException e) {
            return new SendResult.RetryLater("Twilio client error: " + e.getMessage(), null);
        }
    }

    /**
     * Twilio's Message list (GET Messages.json, filtered by recipient, newest first), page by page: a message matches
     * when it went out through the API and ends with the row's {@link SmsReference} stamp. The reference is unique
     * per outbox row, so a repeat round with otherwise identical text is never taken for the message in doubt.
     * Reading stops at the first page whose messages were all created before {@code since}; a phone with more than
     * {@link #LOOKUP_MAX_PAGES} pages since then is answered "cannot tell", which sends nothing.
     */
    @Override
    public SentLookup findSent(String toPhone, long messageId, Instant since) {
        try {
            MessageReader reader = Message.reader().setTo(new PhoneNumber(toPhone)).setPageSize(LOOKUP_PAGE);
            Page<Message> page = reader.firstPage(client);
            for (int pages = 1; ; pages++) {
                boolean anyInWindow = false;
                for (Message m : page.getRecords()) {
                    boolean recent = m.getDateCreated() == null || !m.getDateCreated().toInstant().isBefore(since);
                    anyInWindow |= recent;
                    boolean outbound = m.getDirection() == null
                            || m.getDirection().toString().startsWith("outbound");
                    if (outbound && recent && SmsReference.carries(m.getBody(), messageId)) {
                        return new SentLookup.Found(m.getSid(), m.getStatus() == null ? "queued"
                                : m.getStatus().toString());
                    }
                }
                if (!anyInWindow || !page.hasNextPage()) {
                    return new SentLookup.NotFound();
                }
                if (pages >= LOOKUP_MAX_PAGES) {
                    return new SentLookup.Unknown("more than " + LOOKUP_MAX_PAGES * LOOKUP_PAGE
                            + " messages to this phone since " + since);
                }
                page = reader.nextPage(page, client);
            }
        } catch (TwilioException e) {
            return new SentLookup.Unknown("Twilio lookup failed: " + e.getMessage());
        }
    }

    private static final long LOOKUP_PAGE = 50L;
    /** 20 pages of 50: far more than a phone gets in a lookup window at the per-phone rate limit (20 an hour). */
    private static final int LOOKUP_MAX_PAGES = 20;

    @Override
    public boolean real() {
        return true;
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Response response) {
        if (response == null || response.getHeaders() == null) {
            return null;
        }
        for (Header h : response.getHeaders()) {
            if ("Retry-After".equalsIgnoreCase(h.getName()) && h.getValue() != null) {
                String v = h.getValue().strip();
                try {
                    return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
                } catch (NumberFormatException notSeconds) {
                    try {
                        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                        Duration d = Duration.between(Instant.now(), at);
                        return d.isNegative() ? Duration.ZERO : d;
                    } catch (RuntimeException unreadable) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
