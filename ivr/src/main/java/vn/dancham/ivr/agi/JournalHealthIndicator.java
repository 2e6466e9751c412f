package vn.dancham.ivr.agi;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import vn.dancham.ivr.hotline.HotlineFlow;
import vn.dancham.ivr.journal.AnswerJournal;

import java.nio.file.Files;

/**
 * {@code journal} in /actuator/health: the hotline keeps serving during a database outage, so this is UP while the
 * journal's directory is writable, with the backlog as details: answers waiting for the database ({@code pending}),
 * answers set aside for a person ({@code rejected}) and whether the flow takes the database to be down. The
 * database's own state is the {@code db} indicator.
 */
final class JournalHealthIndicator implements HealthIndicator {

    private final AnswerJournal journal;
    private final HotlineFlow flow;

    JournalHealthIndicator(AnswerJournal journal, HotlineFlow flow) {
        this.journal = journal;
        this.flow = flow;
    }

    @Override
    public Health health() {
        Health.Builder health = Files.isWritable(journal.directory()) ? Health.up() : Health.down();
        return health.withDetail("directory", journal.directory().toString())
                .withDetail("pending", journal.pending())
                .withDetail("rejected", journal.rejected())
                .withDetail("databaseDown", flow.databaseDown())
                .build();
    }
}
