package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSetting;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.ScoringSettingsEditor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static vn.dancham.db.jooq.Tables.APP_SETTING;

/**
 * The scoring settings in force: the configured properties overlaid by the rows of {@code app_setting} whose key is
 * a {@link ScoringSetting}'s property name. The overlay is cached for {@code refresh} (every rating and every page
 * asks for it); a change made on this node drops the cache when it commits, other nodes see it within
 * {@code refresh}.
 */
public final class StoredScoringSettings implements ScoringSettings, ScoringSettingsEditor {

    private record Snapshot(ScoringProperties properties, Map<String, String> stored, long loadedAt) {
    }

    private final DSLContext dsl;
    private final TransactionTemplate tx;
    private final ScoringProperties configured;
    private final long refreshNanos;
    private volatile Snapshot snapshot;

    public StoredScoringSettings(DSLContext dsl, PlatformTransactionManager transactions, ScoringProperties configured,
                                 Duration refresh) {
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
        this.configured = configured;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public ScoringProperties configured() {
        return configured;
    }

    @Override
    public ScoringProperties current() {
        return snapshot().properties();
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.loadedAt() >= refreshNanos) {
            Map<String, String> stored = new HashMap<>();
            dsl.select(APP_SETTING.KEY, APP_SETTING.VALUE).from(APP_SETTING)
                    .where(APP_SETTING.KEY.startsWith(ScoringSetting.PREFIX))
                    .forEach(r -> stored.put(r.value1(), r.value2()));
            s = new Snapshot(ScoringSetting.overlay(configured, stored), Map.copyOf(stored), now);
            snapshot = s;
        }
        return s;
    }

    /** The next {@link #current()} reads the table again. */
    public void refresh() {
        snapshot = null;
    }

    @Override
    public List<Value> values() {
        Snapshot s = snapshot();
        List<Value> out = new ArrayList<>();
        for (ScoringSetting setting : ScoringSetting.values()) {
            String stored = s.stored().get(setting.property());
            out.add(new Value(setting, setting.valueIn(configured), stored == null ? null
                    : ScoringSetting.parse(stored).map(ScoringSetting::canonical).orElse(stored),
                    setting.valueIn(s.properties())));
        }
        return out;
    }

    @Override
    public Update update(Map<ScoringSetting, String> proposed, String actor) {
        Map<ScoringSetting, ScoringSetting.Problem> problems = ScoringSetting.validate(proposed);
        if (!problems.isEmpty()) {
            return new Update(problems, List.of());
        }
        List<Change> changes = tx.execute(status -> {
            // Read what is in force inside the transaction, not from the cache: two administrators saving at once
            // each audit what they replaced.
            Map<String, String> stored = new HashMap<>();
            dsl.select(APP_SETTING.KEY, APP_SETTING.VALUE).from(APP_SETTING)
                    .where(APP_SETTING.KEY.startsWith(ScoringSetting.PREFIX)).forUpdate()
                    .forEach(r -> stored.put(r.value1(), r.value2()));
            ScoringProperties before = ScoringSetting.overlay(configured, stored);
            List<Change> done = new ArrayList<>();
            for (ScoringSetting setting : ScoringSetting.values()) {
                String value = ScoringSetting.canonical(ScoringSetting.parse(proposed.get(setting)).orElseThrow());
                String old = setting.valueIn(before);
                if (value.equals(old)) {
                    continue;
                }
                if (value.equals(setting.valueIn(configured))) {
                    dsl.deleteFrom(APP_SETTING).where(APP_SETTING.KEY.eq(setting.property())).execute();
                } else {
                    dsl.insertInto(APP_SETTING)
                            .set(APP_SETTING.KEY, setting.property())
                            .set(APP_SETTING.VALUE, value)
                            .set(APP_SETTING.UPDATED_BY, actor)
                            .onConflict(APP_SETTING.KEY).doUpdate()
                            .set(APP_SETTING.VALUE, value)
                            .set(APP_SETTING.UPDATED_BY, actor)
                            .set(APP_SETTING.UPDATED_AT, org.jooq.impl.DSL.currentOffsetDateTime())
                            .execute();
                }
                done.add(new Change(setting, old, value));
            }
            refreshAfterCommit();
            return done;
        });
        return new Update(Map.of(), changes);
    }

    private void refreshAfterCommit() {
        refresh();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    refresh();
                }
            });
        }
    }
}
