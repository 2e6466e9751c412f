package vn.dancham.admin.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scrape of {@code /actuator/prometheus} as Prometheus makes it (HTTP Basic with the scrape user of the test
 * profile), read as series → value from the text exposition format.
 */
public record PrometheusScrape(int status, String text, Map<String, Double> series) {

    public static final String USER = "prometheus";
    public static final String PASSWORD = "test-scrape-password";

    public static PrometheusScrape of(int port) {
        return of(port, USER, PASSWORD);
    }

    public static PrometheusScrape of(int port, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus"));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Double> series = new LinkedHashMap<>();
            if (response.statusCode() == 200) {
                for (String line : response.body().split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int space = line.lastIndexOf(' ');
                    series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
            }
            return new PrometheusScrape(response.statusCode(), response.body(), series);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum over every series of this metric whose labels contain all of {@code labels} (e.g. outcome="X"). */
    public double sum(String metric, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> e : series.entrySet()) {
            String key = e.getKey();
            String name = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (!name.equals(metric)) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= key.contains(label);
            }
            if (all) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** Whether any series of this metric is exported. */
    public boolean has(String metric) {
        return series.keySet().stream().anyMatch(k -> k.equals(metric) || k.startsWith(metric + "{"));
    }
}
