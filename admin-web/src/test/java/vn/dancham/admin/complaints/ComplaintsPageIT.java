package vn.dancham.admin.complaints;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The complaints inbox: recording streamed and audited, assign, answer, resolve, deadlines and overdue. */
class ComplaintsPageIT extends WebIT {

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired Complaints complaints;
    @Autowired ComplaintInbox inbox;
    @Autowired AuditLog auditLog;
    @Autowired org.jooq.DSLContext dsl;
    @Autowired vn.dancham.complaint.ReportIncidents reportIncidents;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    @Value("${dancham.ivr.recordings-directory}")
    String recordingsDirectory;

    /** A complaint with a small WAV file in the recordings directory. */
    long complaintWithRecording(Fixtures.Place p, Instant at) throws Exception {
        String relative = "it/" + UUID.randomUUID() + ".wav";
        Path file = Path.of(recordingsDirectory).resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, vn.dancham.admin.support.Wav.silence(8000));
        return complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null, p.counterOfficeId(),
                p.counterOfficerId(), "0987654321", relative, 1, NewComplaint.RecordingState.RECORDED, at));
    }

    private String html(String url, WebUser as) throws Exception {
        return mvc.perform(get(url).with(user(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void handlerListensAssignsAnswersAndResolves() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        long id = complaintWithRecording(p, Instant.now());
        WebUser handler = userWith(Role.COMPLAINT_HANDLER);

        assertThat(html("/complaints", handler)).contains("/complaints/" + id);
        String page = html("/complaints/" + id, handler);
        assertThat(page).contains("<audio id=\"recording\"").contains("/complaints/" + id + "/recording").contains("0987654321");

        byte[] audio = mvc.perform(get("/complaints/" + id + "/recording").with(user(handler)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "audio/wav"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(audio).hasSize(44 + 16000).startsWith("RIFF".getBytes());
        mvc.perform(get("/complaints/" + id + "/recording").header("Range", "bytes=44-99").with(user(handler)))
                .andExpect(status().isPartialContent());
        assertThat(auditLog.search("RECORDING_LISTENED", 50, 0)).filteredOn(e -> e.targetId().equals(String.valueOf(id)))
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(handler.getUsername()));

        var refused = mvc.perform(post("/complaints/" + id + "/resolve").with(user(handler)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(inbox.find(id).orElseThrow().status()).as("cannot resolve before answering").isEqualTo("NEW");
        // The refusal is a code; the page says it in the reader's language.
        String vi = mvc.perform(get("/complaints/" + id).flashAttrs(refused.getFlashMap()).with(user(handler)))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(vi).contains("Chỉ đóng được phản ánh đã trả lời (và chưa đóng)");
        String en = mvc.perform(get("/complaints/" + id).param("lang", "en").flashAttrs(refused.getFlashMap())
                        .with(user(handler)))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(en).contains("Only an answered complaint that is not resolved yet can be resolved");

        mvc.perform(post("/complaints/" + id + "/assign").with(user(handler)).with(csrf()).param("assignee", String.valueOf(handler.id())))
                .andExpect(status().is3xxRedirection());
        assertThat(inbox.find(id).orElseThrow().assigneeId()).isEqualTo(handler.id());
        mvc.perform(post("/complaints/" + id + "/answer").with(user(handler)).with(csrf())
                        .param("response", "Đã chuyển <script>alert(1)</script> cho phòng xử lý."))
                .andExpect(status().is3xxRedirection());
        var answered = inbox.find(id).orElseThrow();
        assertThat(answered.status()).isEqualTo("ANSWERED");
        assertThat(answered.respondedAt()).isNotNull();
        assertThat(html("/complaints/" + id, handler)).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        mvc.perform(post("/complaints/" + id + "/resolve").with(user(handler)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(inbox.find(id).orElseThrow().status()).isEqualTo("RESOLVED");
    }

    /**
     * Opening the page is not listening: the player fetches nothing until played. Playing, seeking and replaying in
     * one session is one listen; another session is another. The length shown is the file's.
     */
    @Test
    void aListenIsLoggedOncePerSessionWhenPlayedAndTheLengthIsTheFilesOwn() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        String relative = "it/" + UUID.randomUUID() + ".wav";
        Path file = Path.of(recordingsDirectory).resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, vn.dancham.admin.support.Wav.silence(8000 * 7));
        // The IVR stored 17 seconds (its own count, e.g. with the silence it cut), the file holds 7.
        long id = complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null, p.counterOfficeId(),
                null, "0987654321", relative, 17, NewComplaint.RecordingState.RECORDED, Instant.now()));
        WebUser handler = userWith(Role.COMPLAINT_HANDLER);
        var session = new org.springframework.mock.web.MockHttpSession();

        String page = mvc.perform(get("/complaints/" + id).with(user(handler)).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("preload=\"none\"").contains("Dài 7 giây").doesNotContain("Dài 17 giây");
        assertThat(listens(id)).isZero();

        mvc.perform(get("/complaints/" + id + "/recording").header("Range", "bytes=0-").with(user(handler)).session(session))
                .andExpect(status().isPartialContent());
        mvc.perform(get("/complaints/" + id + "/recording").header("Range", "bytes=50000-").with(user(handler)).session(session))
                .andExpect(status().isPartialContent());
        mvc.perform(get("/complaints/" + id + "/recording").header("Range", "bytes=0-").with(user(handler)).session(session))
                .andExpect(status().isPartialContent());
        assertThat(listens(id)).isEqualTo(1);

        mvc.perform(get("/complaints/" + id + "/recording").header("Range", "bytes=0-").with(user(handler))
                .session(new org.springframework.mock.web.MockHttpSession())).andExpect(status().isPartialContent());
        assertThat(listens(id)).isEqualTo(2);
    }

    /** A report with no officer named says what it is about ("Về: <office>"), never "Về: —". */
    @Test
    void aReportAboutAnOfficeNamesTheOfficeAloneAndAnAssignedComplaintAlwaysHasItsAssignee() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        long id = complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null, p.counterOfficeId(),
                null, "0987654321", null, null, NewComplaint.RecordingState.NONE, Instant.now()));
        String page = html("/complaints/" + id, userWith(Role.COMPLAINT_HANDLER));
        var m = java.util.regex.Pattern.compile("id=\"complaint-about\">([^<]*)<").matcher(page);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("Bộ phận một cửa " + p.s());
        // "Đã giao" to nobody cannot be stored, whatever writes it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dsl.update(vn.dancham.db.jooq.Tables.COMPLAINT)
                        .set(vn.dancham.db.jooq.Tables.COMPLAINT.STATUS, "ASSIGNED")
                        .where(vn.dancham.db.jooq.Tables.COMPLAINT.ID.eq(id)).execute())
                .hasMessageContaining("complaint_assigned_has_assignee");
    }

    /**
     * A harassment report whose incident could not be opened (set aside by the opener, docs/ivr.md) tells its handler,
     * in Vietnamese, that the leader on duty was not texted; any other report says nothing of the kind.
     */
    @Test
    void aReportWhoseIncidentCouldNotBeOpenedSaysTheLeaderWasNotTexted() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        long setAside = complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null,
                p.counterOfficeId(), null, "0987654321", null, null, NewComplaint.RecordingState.NONE, Instant.now()));
        long opened = complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null,
                p.counterOfficeId(), null, "0987654322", null, null, NewComplaint.RecordingState.NONE, Instant.now()));
        // What HarassmentIncidents writes when a listener fails for a reason other than the database.
        dsl.execute("UPDATE complaint SET incident_failed_at = now(), incident_failure = 'a listener''s bug' "
                + "WHERE id = ?", setAside);
        String page = html("/complaints/" + setAside, userWith(Role.COMPLAINT_HANDLER));
        assertThat(page).contains("id=\"incident-not-opened\"")
                .contains("chưa nhắn tin cho lãnh đạo trực").doesNotContain("a listener's bug");
        assertThat(html("/complaints/" + opened, userWith(Role.COMPLAINT_HANDLER)))
                .doesNotContain("incident-not-opened");
    }

    /**
     * The handlers find the harassment reports whose leader was not texted (the list says how many and filters them)
     * and, once the cause is mended, open each one's incident from its page: once, audited, and never twice.
     */
    @Test
    void aHandlerFindsTheReportsWhoseLeaderWasNotTextedAndOpensTheirIncidentAgain() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        // Stored and set aside in one transaction, as the opener leaves a report whose listener failed: the node's
        // own opener, woken once it commits, passes over a report set aside.
        long report = new org.springframework.transaction.support.TransactionTemplate(transactions).execute(s -> {
            long id = complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null, null, null,
                    p.counterOfficeId(), null, "0987654323", null, null, NewComplaint.RecordingState.NONE,
                    Instant.now()));
            dsl.execute("UPDATE complaint SET incident_failed_at = now(), incident_failure = 'a listener''s bug' "
                    + "WHERE id = ?", id);
            return id;
        });
        long opened = vn.dancham.admin.support.Incidents.harassmentReport(complaints, reportIncidents, p, null);
        WebUser handler = userWith(Role.COMPLAINT_HANDLER);

        assertThat(html("/complaints", handler)).contains("id=\"not-texted\"").contains("id=\"show-incident\"")
                .contains("id=\"not-texted-" + report + "\"").doesNotContain("id=\"not-texted-" + opened + "\"")
                .contains("chưa nhắn được cho lãnh đạo trực");
        assertThat(html("/complaints?show=incident", handler)).contains("href=\"/complaints/" + report + "\"")
                .doesNotContain("href=\"/complaints/" + opened + "\"");
        assertThat(html("/complaints/" + report, handler)).contains("id=\"open-incident\"");
        assertThat(html("/complaints/" + opened, handler)).doesNotContain("id=\"open-incident\"");

        int events = dsl.fetchCount(vn.dancham.db.jooq.Tables.INCIDENT_EVENT);
        mvc.perform(post("/complaints/" + report + "/incident").with(user(handler)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("done", "COMPLAINT_INCIDENT_OPENED"));
        assertThat(dsl.fetchCount(vn.dancham.db.jooq.Tables.INCIDENT_EVENT)).as("the incident's timeline grew")
                .isGreaterThan(events);
        assertThat(html("/complaints/" + report, handler)).doesNotContain("incident-not-opened")
                .doesNotContain("id=\"open-incident\"");
        assertThat(html("/complaints?show=incident", handler)).doesNotContain("href=\"/complaints/" + report + "\"");
        assertThat(auditLog.search("COMPLAINT_INCIDENT_OPENED", 50, 0))
                .filteredOn(e -> e.targetId().equals(String.valueOf(report))).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(handler.getUsername()));

        // A second press (a stale page, another handler): refused in Vietnamese, nobody texted again.
        int after = dsl.fetchCount(vn.dancham.db.jooq.Tables.INCIDENT_EVENT);
        mvc.perform(post("/complaints/" + report + "/incident").with(user(handler)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attributeExists("problem"));
        assertThat(dsl.fetchCount(vn.dancham.db.jooq.Tables.INCIDENT_EVENT)).isEqualTo(after);
        mvc.perform(post("/complaints/999999999/incident").with(user(handler)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    private long listens(long complaintId) {
        return auditLog.search("RECORDING_LISTENED", 200, 0).stream()
                .filter(e -> e.targetId().equals(String.valueOf(complaintId))).count();
    }

    @Test
    void overdueComplaintsAreListedAndCounted() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        long old = complaintWithRecording(p, Instant.now().minusSeconds(20L * 86400));
        String page = html("/complaints?show=overdue", userWith(Role.COMPLAINT_HANDLER));
        assertThat(page).contains("/complaints/" + old).contains("id=\"overdue-count\"");
        assertThat(html("/complaints/" + old, userWith(Role.LEADER))).contains("Quá hạn");
    }

    @Test
    void missingRecordingFileIs404AndSaysSo() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        long id = complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null, p.counterOfficeId(),
                null, null, "it/never-written.wav", 3, NewComplaint.RecordingState.RECORDED, Instant.now()));
        WebUser handler = userWith(Role.COMPLAINT_HANDLER);
        mvc.perform(get("/complaints/" + id + "/recording").with(user(handler))).andExpect(status().isNotFound());
        assertThat(html("/complaints/" + id, handler)).contains("id=\"no-recording\"");
    }

    @Test
    void handlerConfirmsAComplaintNamingTheOfficerWhoseExplanationThenListsIt() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        long id = complaintWithRecording(p, Instant.now().minusSeconds(3600));
        WebUser handler = userWith(Role.COMPLAINT_HANDLER);
        String page = html("/complaints/" + id, handler);
        assertThat(page).contains("id=\"verdict-form\"").contains("Chờ xác minh")
                .contains("id=\"officer-" + p.counterOfficerId() + "\"");
        String officerPage = "/officers/" + p.counterOfficerId();
        assertThat(html(officerPage, userWith(Role.HR))).doesNotContain("id=\"complaint-" + id + "\"");

        mvc.perform(post("/complaints/" + id + "/verdict").with(user(handler))
                        .param("verdict", "CONFIRMED").param("officer", String.valueOf(p.counterOfficerId()))
                        .param("note", "Đã xác minh")).andExpect(status().isForbidden());
        mvc.perform(post("/complaints/" + id + "/verdict").with(user(handler)).with(csrf())
                        .param("verdict", "CONFIRMED").param("officer", String.valueOf(p.counterOfficerId())))
                .andExpect(status().is3xxRedirection());
        assertThat(inbox.find(id).orElseThrow().verdict()).as("a verdict needs a finding")
                .isEqualTo(ComplaintInbox.Verdict.PENDING);

        mvc.perform(post("/complaints/" + id + "/verdict").with(user(handler)).with(csrf())
                        .param("verdict", "CONFIRMED").param("officer", String.valueOf(p.counterOfficerId()))
                        .param("note", "Cán bộ đã thừa nhận thái độ không đúng mực"))
                .andExpect(status().is3xxRedirection());
        var decided = inbox.find(id).orElseThrow();
        assertThat(decided.verdict()).isEqualTo(ComplaintInbox.Verdict.CONFIRMED);
        assertThat(decided.namedOfficers()).extracting(ComplaintInbox.NamedOfficer::id).containsExactly(p.counterOfficerId());
        assertThat(auditLog.search("COMPLAINT_VERDICT", 50, 0)).filteredOn(e -> e.targetId().equals(String.valueOf(id)))
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(handler.getUsername()));
        assertThat(html("/complaints?show=all", handler)).contains("Đúng, có trách nhiệm của cán bộ / cơ quan");
        assertThat(html("/complaints/" + id, handler)).contains("id=\"named-officers\"")
                .contains("Cán bộ đã thừa nhận thái độ không đúng mực");
        assertThat(html(officerPage, userWith(Role.HR))).contains("id=\"complaint-" + id + "\"")
                .contains("Đã xác nhận").contains("Cán bộ đã thừa nhận thái độ không đúng mực");
        // The month's trend snapshot is taken again with the confirmed complaint in it.
        assertThat(dsl.fetchValue("SELECT complaints FROM score_snapshot WHERE subject_type = 'OFFICER' "
                + "AND subject_id = ? AND period_kind = 'MONTH' ORDER BY period_start DESC LIMIT 1",
                p.counterOfficerId())).isEqualTo(1);

        mvc.perform(post("/complaints/" + id + "/verdict").with(user(handler)).with(csrf())
                        .param("verdict", "UNFOUNDED").param("note", "Xác minh lại: không đúng"))
                .andExpect(status().is3xxRedirection());
        assertThat(html(officerPage, userWith(Role.HR))).doesNotContain("id=\"complaint-" + id + "\"");
    }

    @Test
    void aRecordingAsteriskCouldNotWriteIsNotBlamedOnTheLine() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        long writefile = complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null,
                p.counterOfficeId(), null, "0912345678", null, null, NewComplaint.RecordingState.FAILED, Instant.now(),
                null, NewComplaint.RecordingFailure.WRITE_FILE));
        long line = complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null,
                p.counterOfficeId(), null, "0912345678", null, null, NewComplaint.RecordingState.FAILED, Instant.now(),
                null, NewComplaint.RecordingFailure.LINE));
        WebUser handler = userWith(Role.COMPLAINT_HANDLER);
        assertThat(html("/complaints/" + writefile, handler)).contains("Asterisk không tạo được tệp ghi âm")
                .contains("Đây không phải lỗi đường dây").doesNotContain("Đường dây không ghi âm được");
        assertThat(html("/complaints/" + line, handler)).contains("Đường dây không ghi âm được");
    }
}
