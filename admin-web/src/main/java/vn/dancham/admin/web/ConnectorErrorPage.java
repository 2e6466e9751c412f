package vn.dancham.admin.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The page for errors Tomcat answers itself, before any of our code runs: a request line or headers over the size
 * limit (a 9,000-character query), a character not allowed in a URL. Such a request is refused before it reaches
 * the application, so Spring's error pages (and the reader's language cookie) never see it and Tomcat would show its
 * own English report. This one says it in Vietnamese, then English, from the message bundles, and names no server.
 */
final class ConnectorErrorPage extends ErrorReportValve {

    private static final Locale VI = Locale.forLanguageTag("vi");

    private final MessageSource messages;

    ConnectorErrorPage(MessageSource messages) {
        this.messages = messages;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(page(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client has gone or the response is already on its way: nothing left to tell anyone.
        }
    }

    String page(int status) {
        return "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + HtmlUtils.htmlEscape(text("error.4xx.title", status, VI), "UTF-8") + "</title></head><body id=\"connector-error\">"
                + section(status, VI) + "<hr>" + section(status, Locale.ENGLISH).replace("<section>", "<section lang=\"en\">")
                + "</body></html>";
    }

    private String section(int status, Locale locale) {
        String title = status >= 500 ? text("error.title", status, locale) : text("error.4xx.title", status, locale);
        String detail = messages.getMessage("error." + status + ".text", null,
                text(status >= 500 ? "error.text" : "error.4xx.text", status, locale), locale);
        return "<section><h1>" + HtmlUtils.htmlEscape(title, "UTF-8") + "</h1><p>" + HtmlUtils.htmlEscape(detail, "UTF-8") + "</p>"
                + "<p>" + HtmlUtils.htmlEscape(text("error.code", status, locale), "UTF-8") + "</p>"
                + "<p><a href=\"/\">" + HtmlUtils.htmlEscape(text("error.home", status, locale), "UTF-8") + "</a></p></section>";
    }

    private String text(String key, int status, Locale locale) {
        return messages.getMessage(key, new Object[]{status}, locale);
    }
}
