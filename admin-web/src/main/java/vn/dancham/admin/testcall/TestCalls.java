package vn.dancham.admin.testcall;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import vn.dancham.ivr.agi.LocalFastAgi;
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
 * <p>
 * Every call made here is a test call: it carries this node's test-call key, so the hotline stores its answers as
 * test, counts nothing and alerts nobody (docs/ivr.md "Test calls"). There is no way to make a real call from here.
 */
@Component
class TestCalls {

    static final int MAX_CALLS = 20;
    static final Duration MAX_AGE = Duration.ofMinutes(15);

    record Entry(String id, String owner, SoftphoneCall call, Instant startedAt) {
    }

    private final Map<String, Entry> calls = new ConcurrentHashMap<>();
    private final ObjectProvider<LocalFastAgi> localFastAgi;

    TestCalls(ObjectProvider<LocalFastAgi> localFastAgi) {
        this.localFastAgi = localFastAgi;
    }

    /** Dials our own FastAGI server as a test call; empty when the server is off or too many test calls are open. */
    Optional<Entry> dial(String owner, SoftphoneOptions options) {
        expire();
        if (calls.size() >= MAX_CALLS) {
            return Optional.empty();
        }
        LocalFastAgi local = localFastAgi.getIfAvailable();
        if (local == null || !local.running()) {
            return Optional.empty();
        }
        SoftphoneCall call = Softphone.dial(local.host(), local.port(), options.asTest(local.testCallKey()));
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
