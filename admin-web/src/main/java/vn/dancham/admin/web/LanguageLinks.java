package vn.dancham.admin.web;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The language switch's two links. On a page fetched with GET they reload that page with its query (filters, period,
 * search) and only {@code lang} changed. A page rendered in answer to a form post (a refused form) has a URL that
 * only takes POST, so reloading it would be a 405: there the links go back to the page the form was on (the
 * same-site Referer), or to the start page when the browser sent none.
 */
public record LanguageLinks(String vi, String en) {

    static LanguageLinks of(String method, String path, String query, String referer, String origin) {
        String base = path;
        String rest = query;
        if (!"GET".equalsIgnoreCase(method) && !"HEAD".equalsIgnoreCase(method)) {
            base = "/";
            rest = null;
            URI from = sameSite(referer, origin);
            if (from != null) {
                base = from.getRawPath();
                rest = from.getRawQuery();
            }
        }
        String kept = rest == null ? "" : Arrays.stream(rest.split("&"))
                .filter(p -> !p.isEmpty() && !p.equals("lang") && !p.startsWith("lang="))
                .collect(Collectors.joining("&"));
        String prefix = base + "?" + (kept.isEmpty() ? "" : kept + "&");
        return new LanguageLinks(prefix + "lang=vi", prefix + "lang=en");
    }

    private static URI sameSite(String referer, String origin) {
        if (referer == null || referer.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            URI self = URI.create(origin);
            boolean same = uri.getHost() != null && uri.getHost().equalsIgnoreCase(self.getHost());
            String path = uri.getRawPath();
            return same && path != null && path.startsWith("/") && !path.startsWith("//") ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
