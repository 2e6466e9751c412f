package vn.dancham.admin.testcall;

import jakarta.annotation.PreDestroy;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import vn.dancham.ivr.softphone.Softphone;
import vn.dancham.ivr.softphone.SoftphoneCall;
import vn.dancham.ivr.softphone.SoftphoneOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The softphone calls the "test call" page has open, each owned by the user who dialled. A call is hung up when
 * its page says so, after {@link #MAX_AGE}, or when the application stops; at most {@link #MAX_CALLS} at once.
 */
@Component
class TestCalls {

    static final int MAX_CALLS = 20;
    static final Duration MAX_AGE = Duration.ofMinutes(15);

    record Entry(String id, String owner, SoftphoneCall call, Instant startedAt) {
    }

    private final Map<String, Entry> calls = new ConcurrentHashMap<>();
    private final Environment environment;

    TestCalls(Environment environment) {
        this.environment = environment;
    }

    /** Dials our own FastAGI server; empty when the server is off or too many test calls are open. */
    Optional<Entry> dial(String owner, SoftphoneOptions options) {
        expire();
        if (calls.size() >= MAX_CALLS) {
            return Optional.empty();
        }
        Integer port = environment.getProperty("local.fastagi.port", Integer.class,
                environment.getProperty("dancham.ivr.port", Integer.class, 4573));
        if (!environment.getProperty("dancham.ivr.enabled", Boolean.class, true) || port == null || port <= 0) {
            return Optional.empty();
        }
        SoftphoneCall call = Softphone.dial("127.0.0.1", port, options);
        Entry entry = new Entry(UUID.randomUUID().toString(), owner, call, Instant.now());
        calls.put(entry.id(), entry);
        return Optional.of(entry);
    }

    Optional<Entry> find(String id, String owner) {
        Entry entry = id == null ? null : calls.get(id);
        return entry != null && entry.owner().equals(owner) ? Optional.of(entry) : Optional.empty();
    }

    void hangUp(String id) {
        Entry entry = calls.remove(id);
        if (entry != null) {
            entry.call().close();
        }
    }

    private void expire() {
        Instant limit = Instant.now().minus(MAX_AGE);
        calls.values().stream().filter(e -> e.startedAt().isBefore(limit) || e.call().ended())
                .map(Entry::id).toList().forEach(this::hangUp);
    }

    @PreDestroy
    void hangUpAll() {
        calls.keySet().forEach(this::hangUp);
    }
}
