package vn.dancham.admin.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * For the AOT cache's training run ({@code dancham.sh train}, {@code dancham.startup.exit-when-ready=true}): once
 * the application is ready it asks its own health endpoint once, as a launcher waiting for UP does, and exits.
 * <p>
 * Why (issue 16): the training run used to stop at the end of the context's refresh
 * ({@code spring.context.exit=onRefresh}), so everything a start does after it — the web server's, FastAGI's and the
 * rating writer's start, the runners, the first request through the security filters to the health endpoint — was
 * left out of the cache: its classes were loaded from the jars and its methods had no profile at every start.
 * <p>
 * A bean on every node that reads the switch when the application is ready, not a condition: the training run uses
 * the beans Spring's AOT worked out in the build, and a condition on this switch would be settled there, for good
 * ({@link AheadOfTimeBeans}).
 */
@Component
class ExitWhenReady {

    private static final Logger log = LoggerFactory.getLogger(ExitWhenReady.class);

    private final Environment environment;

    ExitWhenReady(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (!environment.getProperty("dancham.startup.exit-when-ready", Boolean.class, false)) {
            return;
        }
        // Not on the thread that publishes the event: SpringApplication.exit closes the context this event came from.
        Thread exit = new Thread(() -> {
            askHealthOnce();
            log.info("dancham.startup.exit-when-ready: the application started and exits now");
            System.exit(SpringApplication.exit(event.getApplicationContext()));
        }, "exit-when-ready");
        exit.start();
    }

    private void askHealthOnce() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return; // no web server on this node
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            log.info("dancham.startup.exit-when-ready: health answered {}", response.statusCode());
        } catch (IOException e) {
            log.warn("dancham.startup.exit-when-ready: health not asked: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
