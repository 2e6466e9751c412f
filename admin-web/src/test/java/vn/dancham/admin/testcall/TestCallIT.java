package vn.dancham.admin.testcall;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.CallRows;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.calls.CallStatistics;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.ivr.testing.AgiTestCall;
import vn.dancham.organisation.Organisation;
import vn.dancham.admin.procedures.Procedures;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;
import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.RATING_DAILY;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * The test-call page through the whole application (security, controller, softphone, the real FastAGI server,
 * scoring core, PostgreSQL): a test call's answers are kept as test and change nothing that counts.
 */
class TestCallIT extends WebIT {

    static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z_]+)\"");
    static final Pattern NOTE = Pattern.compile("\"kind\":\"NOTE\",\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Autowired
    DSLContext dsl;
    @Autowired
    Organisation organisation;
    @Autowired
    Procedures procedures;
    @Autowired
    DossierRegistry registry;
    @Autowired
    CallStatistics statistics;
    @Autowired
    Environment environment;

    @Autowired
    vn.dancham.rating.RatingWriter ratingWriter;
    @Autowired
    ComplaintInbox inbox;

    WebUser tester;
    Fixtures.Place place;
    String receipt;
    long dossierId;
    String counterDialCode;

    @BeforeEach
    void data() {
        tester = userWith(Role.HR);
        place = Fixtures.place(organisation, procedures);
        receipt = Fixtures.lateDossier(registry, place, Instant.now());
        dossierId = dsl.select(DOSSIER.ID).from(DOSSIER).where(DOSSIER.RECEIPT_NO.eq(receipt)).fetchSingle(DOSSIER.ID);
        counterDialCode = dsl.select(OFFICE.DIAL_CODE).from(OFFICE).where(OFFICE.ID.eq(place.counterOfficeId()))
                .fetchSingle(OFFICE.DIAL_CODE);
        Instant now = Instant.now();
        dsl.insertInto(DUTY_SHIFT).set(DUTY_SHIFT.OFFICE_ID, place.counterOfficeId()).set(DUTY_SHIFT.LEVEL, (short) 1)
                .set(DUTY_SHIFT.PERSON_NAME, "Lê Văn Trực").set(DUTY_SHIFT.PHONE, "0905111222")
                .set(DUTY_SHIFT.STARTS_AT, now.minus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC))
                .set(DUTY_SHIFT.ENDS_AT, now.plus(8, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC)).execute();
    }

    @Test
    void aTestCallsRatingIsStoredAsTestChangesNoScoreAndSupersedesNoRealAnswer() throws Exception {
        // The applicant rates for real first: 5, 5, 5, verified.
        String applicant = place.applicantPhone();
        int agiPort = environment.getRequiredProperty("local.fastagi.port", Integer.class);
        AgiTestCall.run("127.0.0.1", agiPort, "hotline", "it-real-" + place.s(), applicant,
                "2 1 " + receipt + "# 1 5 5 5");
        ratingWriter.applyPending(); // a real call's answers wait in the rating inbox until the writer's batch
        List<String> real = dsl.select(RATING.STATUS).from(RATING).where(RATING.DOSSIER_ID.eq(dossierId))
                .fetch(RATING.STATUS);
        assertThat(real).containsExactly("COUNTED", "COUNTED", "COUNTED");
        List<String> aggregatesBefore = aggregates();

        // The tester rates the same dossier 1, 1, 1 (withheld; # skips the knowledge check).
        String id = dial("");
        List<String> texts = notes(press(id, "21" + receipt + "#1#111"));
        assertThat(texts).anyMatch(t -> t.startsWith("Cuộc gọi thử: các câu trả lời được lưu là thử"));
        hangUp(id);

        assertThat(dsl.select(RATING.STATUS, RATING.VALUE).from(RATING).where(RATING.DOSSIER_ID.eq(dossierId))
                .orderBy(RATING.ID).fetch(r -> r.value1() + "=" + r.value2()))
                .containsExactly("COUNTED=5", "COUNTED=5", "COUNTED=5", "TEST=1", "TEST=1", "TEST=1");
        assertThat(dsl.fetchCount(RATING, RATING.DOSSIER_ID.eq(dossierId).and(RATING.SUPERSEDED_BY.isNotNull())))
                .isZero();
        assertThat(aggregates()).as("scores are computed from these: unchanged").isEqualTo(aggregatesBefore);
    }

    @Test
    void aTestHarassmentReportOpensNoIncidentQueuesNoSmsAndSaysWhoWouldHaveBeenTexted() throws Exception {
        int incidents = dsl.fetchCount(INCIDENT);
        int sms = dsl.fetchCount(SMS_MESSAGE);
        String id = dial(counterDialCode);
        List<String> texts = notes(press(id, "3##"));
        assertThat(texts).anyMatch(t -> t.contains("sự cố khẩn sẽ được mở và SMS gửi ngay tới lãnh đạo trực "
                + "Lê Văn Trực (0905111222)"));
        hangUp(id);
        assertThat(dsl.selectFrom(COMPLAINT).where(COMPLAINT.OFFICE_ID.eq(place.counterOfficeId())).fetch())
                .singleElement().satisfies(c -> {
                    assertThat(c.getKind()).isEqualTo("HARASSMENT");
                    assertThat(c.getTest()).isTrue();
                });
        assertThat(dsl.fetchCount(INCIDENT)).isEqualTo(incidents);
        assertThat(dsl.fetchCount(SMS_MESSAGE)).isEqualTo(sms);
        assertThat(inbox.list(new ComplaintInbox.Query(List.of(), null, place.counterOfficeId(), null, 50, 0)))
                .as("a test report is nobody's work").isEmpty();
    }

    @Test
    void testCallsAreNotInCallStatisticsAndCannotCarryACallerNumber() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        long before = statistics.between(from, from.plus(1, ChronoUnit.DAYS)).total();
        String id = mvc.perform(post("/test-call").with(user(tester)).with(csrf())
                        .param("caller", place.applicantPhone()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl()
                .replace("/test-call/", "");
        press(id, "*");
        hangUp(id);
        var row = CallRows.ended(dsl, HOTLINE_CALL.STARTED_AT.ge(from.atOffset(ZoneOffset.UTC))
                .and(HOTLINE_CALL.TEST.isTrue()), 1);
        assertThat(row).singleElement().satisfies(c -> {
            assertThat(c.getCallerNumber()).as("a test call is always withheld").isNull();
            assertThat(c.getCallerWithheld()).isTrue();
        });
        assertThat(statistics.between(from, from.plus(1, ChronoUnit.DAYS)).total()).isEqualTo(before);
    }

    // ---- the page, as its script drives it ----

    private String dial(String office) throws Exception {
        String location = mvc.perform(post("/test-call").with(user(tester)).with(csrf()).param("office", office))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/test-call/");
        return location.substring("/test-call/".length());
    }

    /**
     * Presses the keys and waits until the line waits for more (or ended), polling as the page's script does;
     * returns the last progress (JSON: everything heard since the start).
     */
    private String press(String id, String keys) throws Exception {
        mvc.perform(post("/test-call/" + id + "/keys").with(user(tester)).with(csrf()).param("keys", keys))
                .andExpect(status().isOk());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            String p = progress(id);
            Matcher state = STATE.matcher(p);
            if (state.find() && state.group(1).equals("WAITING_FOR_KEYS") || p.contains("\"ended\":true")
                    || System.nanoTime() > deadline) {
                return p;
            }
            Thread.sleep(50);
        }
    }

    private String progress(String id) throws Exception {
        return mvc.perform(get("/test-call/" + id + "/progress").with(user(tester))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void hangUp(String id) throws Exception {
        mvc.perform(post("/test-call/" + id + "/hangup").with(user(tester)).with(csrf())).andExpect(status().isOk());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !progress(id).contains("\"ended\":true")) {
            Thread.sleep(50);
        }
    }

    /** The "what a real call would have done" lines the page shows. */
    private static List<String> notes(String progress) {
        List<String> notes = new ArrayList<>();
        Matcher m = NOTE.matcher(progress);
        while (m.find()) {
            notes.add(m.group(1));
        }
        return notes;
    }

    private List<String> aggregates() {
        return dsl.selectFrom(RATING_DAILY).orderBy(RATING_DAILY.SUBJECT_TYPE, RATING_DAILY.SUBJECT_ID,
                        RATING_DAILY.DAY, RATING_DAILY.CRITERION, RATING_DAILY.IDENTITY)
                .fetch(r -> r.formatCSV(false)).stream().toList();
    }
}
