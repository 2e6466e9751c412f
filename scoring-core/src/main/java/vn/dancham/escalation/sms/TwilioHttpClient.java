package vn.dancham.escalation.sms;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;

/**
 * The Twilio SDK's HTTP client with three changes: our own timeouts; no built-in retries (the outbox retries with
 * backoff and must count attempts itself — the SDK would silently repeat a POST that may have been accepted); and
 * an optional base URL that replaces https://api.twilio.com (the SDK has no such setting; tests point it at
 * WireMock, a site may point it at an egress proxy). It also keeps the last response per thread so the gateway
 * can read Retry-After, which the SDK's exceptions do not carry.
 */
final class TwilioHttpClient extends HttpClient {

    private static final ThreadLocal<Response> LAST = new ThreadLocal<>();

    private final NetworkHttpClient delegate;
    private final String baseUrl;

    TwilioHttpClient(Duration timeout, String baseUrl) {
        Timeout t = Timeout.ofMilliseconds(timeout.toMillis());
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(t).setResponseTimeout(t).build();
        SocketConfig socketConfig = SocketConfig.custom().setSoTimeout(t).setSoKeepAlive(true).build();
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultSocketConfig(socketConfig)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                .build();
        // Apache HttpClient would itself repeat a POST answered 429/503 after Retry-After: the outbox decides.
        this.delegate = new NetworkHttpClient(HttpClientBuilder.create()
                .setDefaultRequestConfig(requestConfig)
                .setConnectionManager(connections)
                .disableAutomaticRetries());
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null
                : baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        LAST.remove();
        Response response = delegate.makeRequest(baseUrl == null ? request : rewritten(request));
        LAST.set(response);
        return response;
    }

    /** The response of the last request made on this thread, if one arrived. */
    static Response lastResponseOnThisThread() {
        return LAST.get();
    }

    private Request rewritten(Request r) {
        String url = r.getUrl();
        int pathStart = url.indexOf('/', url.indexOf("://") + 3);
        Request copy = new Request(r.getMethod(), baseUrl + (pathStart < 0 ? "" : url.substring(pathStart)));
        r.getQueryParams().forEach((k, vs) -> vs.forEach(v -> copy.addQueryParam(k, v)));
        r.getPostParams().forEach((k, vs) -> vs.forEach(v -> copy.addPostParam(k, v)));
        r.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> copy.addHeaderParam(k, v)));
        if (r.getAuthStrategy() != null) {
            copy.setAuth(r.getAuthStrategy());
        } else if (r.requiresAuthentication()) {
            copy.setAuth(r.getUsername(), r.getPassword());
        }
        copy.setContentType(r.getContentType());
        copy.setUserAgentExtensions(r.getUserAgentExtensions());
        if (r.getBody() != null) {
            copy.setBody(r.getBody());
        }
        return copy;
    }
}
