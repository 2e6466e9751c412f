package vn.dancham.admin.complaints;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.Wav;
import vn.dancham.admin.support.WebIT;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.dancham.db.jooq.Tables.COMPLAINT;

/**
 * Recording retention against the application's PostgreSQL and its recordings directory (under target/, a fresh
 * one per build): recordings older than the default 365 days are deleted, the row says so and when, each deletion
 * is audited once, the page says "deleted by retention" instead of offering a player, and the job is scheduled.
 */
class RecordingRetentionIT extends WebIT {

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired Complaints complaints;
    @Autowired ComplaintInbox inbox;
    @Autowired AuditLog auditLog;
    @Autowired ExpiredRecordings expired;
    @Autowired DSLContext dsl;
    @Autowired Scheduler scheduler;

    @Value("${dancham.ivr.recordings-directory}")
    String recordingsDirectory;

    Path file(String relative) {
        return Path.of(recordingsDirectory).resolve(relative);
    }

    long complaint(Fixtures.Place p, String relative, Instant at) {
        return complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null, p.counterOfficeId(),
                null, "0987654321", relative, 1, NewComplaint.RecordingState.RECORDED, at));
    }

    String wav(String name) throws Exception {
        String relative = "retention/" + UUID.randomUUID() + "-" + name + ".wav";
        Files.createDirectories(file(relative).getParent());
        Files.write(file(relative), Wav.silence(8000));
        return relative;
    }

    long audits(long complaintId) {
        return auditLog.search(ExpiredRecordings.AUDIT_ACTION, 500, 0).stream()
                .filter(e -> e.targetId().equals(String.valueOf(complaintId))).count();
    }

    @Test
    void recordingsOlderThanTheRetentionAreDeletedNotedAndAudited() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant longAgo = now.minus(Duration.ofDays(400));
        String oldPath = wav("old");
        long old = complaint(p, oldPath, longAgo);
        long gone = complaint(p, "retention/" + UUID.randomUUID() + "-never-written.wav", longAgo);
        String recentPath = wav("recent");
        long recent = complaint(p, recentPath, now.minus(Duration.ofDays(300)));
        // A "file" that cannot be deleted (a non-empty directory in its place): the row must not say deleted.
        String stuckPath = "retention/" + UUID.randomUUID() + "-stuck.wav";
        Files.createDirectories(file(stuckPath));
        Files.writeString(file(stuckPath).resolve("inside"), "x");
        long stuck = complaint(p, stuckPath, longAgo);

        ExpiredRecordings.Outcome outcome = expired.deleteExpired(now);

        assertThat(outcome.deleted()).isGreaterThanOrEqualTo(1);
        assertThat(outcome.alreadyMissing()).isGreaterThanOrEqualTo(1);
        assertThat(outcome.failed()).isGreaterThanOrEqualTo(1);
        assertThat(file(oldPath)).doesNotExist();
        assertThat(file(recentPath)).exists();
        var oldRow = dsl.selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(old)).fetchSingle();
        assertThat(oldRow.getRecordingState()).isEqualTo("DELETED");
        assertThat(oldRow.getRecordingDeletedAt().toInstant()).isEqualTo(now);
        assertThat(oldRow.getRecordingPath()).as("the row still says which file it was").isEqualTo(oldPath);
        assertThat(inbox.find(gone).orElseThrow().recordingState()).isEqualTo("DELETED");
        assertThat(inbox.find(recent).orElseThrow().recordingState()).isEqualTo("RECORDED");
        assertThat(inbox.find(stuck).orElseThrow().recordingState()).isEqualTo("RECORDED");
        assertThat(inbox.find(stuck).orElseThrow().recordingDeletedAt()).isNull();

        assertThat(auditLog.search(ExpiredRecordings.AUDIT_ACTION, 500, 0))
                .filteredOn(e -> e.targetId().equals(String.valueOf(old))).singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("system");
                    assertThat(e.targetType()).isEqualTo("COMPLAINT");
                    // Stored as a code and its arguments, worded in the reader's language on the audit page.
                    assertThat(e.detailText().code()).isEqualTo("audit.text.recordingExpired");
                    assertThat(e.detailText().args()).contains(oldPath, "365");
                });
        assertThat(auditLog.search(ExpiredRecordings.AUDIT_ACTION, 500, 0))
                .filteredOn(e -> e.targetId().equals(String.valueOf(gone))).singleElement()
                .satisfies(e -> assertThat(e.detailText().code()).isEqualTo("audit.text.recordingExpired.missing"));
        assertThat(audits(recent)).isZero();
        assertThat(audits(stuck)).isZero();

        // A second run (or another node) finds nothing more to do for these: one audit entry per deletion.
        expired.deleteExpired(now.plusSeconds(60));
        assertThat(audits(old)).isEqualTo(1);
        assertThat(audits(gone)).isEqualTo(1);
        assertThat(dsl.selectFrom(COMPLAINT).where(COMPLAINT.ID.eq(old)).fetchSingle().getRecordingDeletedAt()
                .toInstant()).isEqualTo(now);

        // Once the obstacle is gone, the next run deletes the stuck one too.
        Files.delete(file(stuckPath).resolve("inside"));
        expired.deleteExpired(now.plusSeconds(120));
        assertThat(file(stuckPath)).doesNotExist();
        assertThat(inbox.find(stuck).orElseThrow().recordingState()).isEqualTo("DELETED");
        assertThat(audits(stuck)).isEqualTo(1);
    }

    @Test
    void thePageSaysTheRecordingWasDeletedByRetentionInsteadOfOfferingAPlayer() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        long id = complaint(p, wav("page"), Instant.now().minus(Duration.ofDays(500)));
        expired.deleteExpired(Instant.now());
        WebUser handler = userWith(Role.COMPLAINT_HANDLER);

        String page = mvc.perform(get("/complaints/" + id).with(user(handler))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("<audio").contains("id=\"no-recording\"")
                .contains("Ghi âm đã bị xoá theo thời hạn lưu trữ ngày");
        mvc.perform(get("/complaints/" + id + "/recording").with(user(handler))).andExpect(status().isGone());

        // The link opened by itself, over real HTTP (Tomcat's error dispatch): the 410 page says why, in words.
        vn.dancham.admin.support.HttpSession browser = new vn.dancham.admin.support.HttpSession(baseUrl());
        assertThat(browser.logIn(handler.getUsername(), PASSWORD)).isTrue();
        var gone = browser.get("/complaints/" + id + "/recording");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("Ghi âm đã bị xoá theo thời hạn lưu trữ.", "Mã lỗi 410")
                .doesNotContain("recording deleted after");
    }

    @Test
    void theJobRunsNightlyOnTheClusteredScheduler() throws Exception {
        JobKey job = new JobKey(RecordingRetentionSchedule.NAME, RecordingRetentionSchedule.GROUP);
        assertThat(scheduler.getJobDetail(job).getJobClass()).isEqualTo(RecordingRetentionJob.class);
        var trigger = scheduler.getTrigger(new TriggerKey(RecordingRetentionSchedule.NAME, RecordingRetentionSchedule.GROUP));
        assertThat(trigger).isInstanceOf(CronTrigger.class);
        assertThat(((CronTrigger) trigger).getCronExpression()).isEqualTo("0 30 3 * * ?");
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();

        // Fired by hand, the job (built by Quartz from the JDBC store, injected by Spring) does the work.
        var p = Fixtures.place(organisation, procedures);
        String path = wav("job");
        long id = complaint(p, path, Instant.now().minus(Duration.ofDays(366)));
        scheduler.triggerJob(job);
        for (int i = 0; i < 600 && !"DELETED".equals(inbox.find(id).orElseThrow().recordingState()); i++) {
            Thread.sleep(100);
        }
        assertThat(inbox.find(id).orElseThrow().recordingState()).isEqualTo("DELETED");
        assertThat(file(path)).doesNotExist();
        assertThat(audits(id)).isEqualTo(1);
    }
}
