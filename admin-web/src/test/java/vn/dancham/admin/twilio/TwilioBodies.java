package vn.dancham.admin.twilio;

/** Twilio's Message resource as its API returns it on create (twilio_api_v2010.json, CreateMessage 201). */
final class TwilioBodies {

    private TwilioBodies() {
    }

    static String queued(String account, String sid, String to) {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "…",
                 "date_created": "Sun, 22 Nov 2026 07:05:01 +0000", "date_sent": null,
                 "date_updated": "Sun, 22 Nov 2026 07:05:01 +0000", "direction": "outbound-api",
                 "error_code": null, "error_message": null, "from": "+15005550006", "messaging_service_sid": null,
                 "num_media": "0", "num_segments": "3", "price": null, "price_unit": "USD", "sid": "%s",
                 "status": "queued", "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/%s/Media.json"},
                 "to": "%s", "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}
                """.formatted(account, sid, account, sid, to, account, sid);
    }
}
