package vn.dancham.scoring.internal;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.scoring.ScoringMaintenance;

/** Full recomputation in one transaction. */
public final class Maintenance implements ScoringMaintenance {

    private final Aggregates aggregates;
    private final TransactionTemplate tx;

    public Maintenance(Aggregates aggregates, PlatformTransactionManager transactions) {
        this.aggregates = aggregates;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public void recomputeAll() {
        tx.executeWithoutResult(status -> aggregates.recomputeAll());
    }
}
