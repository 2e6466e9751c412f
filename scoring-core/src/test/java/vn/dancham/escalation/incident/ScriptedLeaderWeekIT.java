package vn.dancham.escalation.incident;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.calls.internal.TestCallLogs;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentKind;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.SmsWebhooks;
import vn.dancham.responsiveness.ResponsivenessProperties;
import vn.dancham.responsiveness.ResponsivenessReport;
import vn.dancham.responsiveness.ResponsivenessReport.Calls;
import vn.dancham.responsiveness.internal.JooqHotlineResponsiveness;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.text.StoredText;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.escalation.OrgFixture.shift;
import static vn.dancham.escalation.incident.Harness.CHAIR;
import static vn.dancham.escalation.incident.Harness.HEAD;
import static vn.dancham.escalation.incident.Harness.VICE;

/**
 * A scripted week of the hotline (Monday 23 to Sunday 29 November 2026, Quảng Trị time): calls put through to the
 * leader chain through the real call log, the missed ones opening incidents whose SMS alerts go out through the
 * outbox and are taken by the leaders' replies; then the responsiveness figures and the weekly concern, checked
 * against counts made by hand.
 */
class ScriptedLeaderWeekIT {

    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    final Harness.RecordingGateway gateway = new Harness.RecordingGateway();
    final Harness h = new Harness(gateway);
    final List<Object> published = new ArrayList<>();
    final CallLog calls = TestCallLogs.jooq(h.db.dsl(), e -> {
        published.add(e);
        if (e instanceof LeaderCallMissed missed) {
            h.opening.on(missed);
        }
    }, h.clock);
    final JooqHotlineResponsiveness responsiveness = new JooqHotlineResponsiveness(h.db.dsl(), e -> {
        published.add(e);
        if (e instanceof ConcernRaised concern) {
            h.opening.on(concern);
        }
    }, ResponsivenessProperties.defaults(), h.clock);
    final AtomicInteger ids = new AtomicInteger();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aWeekOfLeaderCallsAndAlertsGivesTheHandCountedFiguresAndOneConcern() {
        Instant weekStart = at(23, 0, 0);
        shift(h.db.dsl(), h.org.oneStopOffice(), null, 1, "Trần Thị Hoa", HEAD, weekStart.minusSeconds(3600),
                at(30, 12, 0));
        shift(h.db.dsl(), null, h.org.district(), 2, "Phạm Văn Bình", VICE, weekStart.minusSeconds(3600), at(30, 12, 0));
        shift(h.db.dsl(), null, h.org.district(), 3, "Lê Văn Cường", CHAIR, weekStart.minusSeconds(3600), at(30, 12, 0));

        // Sunday night before the week: outside it.
        call(at(22, 23, 50), false, "NOANSWER", "ANSWER");
        // Monday 00:10: the head answers.
        call(at(23, 0, 10), false, "ANSWER");
        // Tuesday: the head does not answer, the vice-chair does.
        call(at(24, 9, 0), false, "NOANSWER", "ANSWER");
        // Wednesday: nobody answers; the head takes the alert by SMS four minutes after it left.
        call(at(25, 10, 0), false, "BUSY", "NOANSWER", "CHANUNAVAIL");
        IncidentSummary wednesday = openMissedCall();
        h.clock.advance(Duration.ofMinutes(4));
        reply(HEAD, wednesday);
        h.incidents.resolve(wednesday.id(), "hr", "Đã gọi lại cho người dân.");
        // Thursday: the caller hangs up while the head's phone is still connecting: neither answered nor missed.
        call(at(26, 11, 0), false, "CANCEL");
        // Friday night: nobody answers; the head sleeps through the alert, the vice-chair takes it after the climb.
        call(at(27, 22, 0), false, "NOANSWER", "NOANSWER", "NOANSWER");
        IncidentSummary friday = openMissedCall();
        h.clock.advance(Duration.ofMinutes(5));
        assertThat(h.escalator.advanceDue()).isEqualTo(1);
        h.dispatcher.dispatchDue();
        h.clock.advance(Duration.ofMinutes(3));
        reply(VICE, friday);
        // Saturday: a test call from the web page; whatever it shows, it never counts.
        call(at(28, 15, 0), true, "NOANSWER");
        // Sunday: the chair answers at the third level.
        call(at(29, 20, 0), false, "NOANSWER", "BUSY", "ANSWER");
        // The next Monday 00:30: outside the week.
        call(at(30, 0, 30), false, "ANSWER");

        ResponsivenessReport week = responsiveness.between(weekStart, at(30, 0, 0));

        // By hand: levels rung 1+2+3+1+3+1+3 = 14; answered Mon L1, Tue L2, Sun L3 = 3; hang-up and test = 2 not
        // counted; missed 14 - 3 - 2 = 9.
        assertThat(week.districts()).singleElement().satisfies(d -> {
            assertThat(d.unitName()).isEqualTo("huyện Gio Linh");
            assertThat(d.calls()).isEqualTo(new Calls(14, 3, 9, 2));
            assertThat(d.calls().answeredPercent()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("25.0"));
            assertThat(d.alerts().sent()).isEqualTo(3);
            assertThat(d.alerts().acknowledged()).isEqualTo(2);
        });
        ResponsivenessReport.Leader head = leader(week, HEAD);
        assertThat(head.level()).isEqualTo(1);
        assertThat(head.calls()).isEqualTo(new Calls(7, 1, 4, 2));
        assertThat(head.alerts().sent()).isEqualTo(2);
        assertThat(head.alerts().acknowledged()).isEqualTo(1);
        assertThat(head.alerts().acknowledgedByOthers()).isEqualTo(1);
        assertThat(head.alerts().times().median()).isEqualTo(Duration.ofMinutes(4));
        ResponsivenessReport.Leader vice = leader(week, VICE);
        assertThat(vice.calls()).isEqualTo(new Calls(4, 1, 3, 0));
        assertThat(vice.alerts().sent()).isEqualTo(1);
        assertThat(vice.alerts().times().max()).isEqualTo(Duration.ofMinutes(3));
        assertThat(leader(week, CHAIR).calls()).isEqualTo(new Calls(3, 1, 2, 0));

        // Monday morning after the week: 3 of 12 counted calls answered, below 80 %: one concern for the district.
        h.clock.set(at(30, 7, 0));
        List<ConcernRaised> raised = responsiveness.checkLastWeek();
        assertThat(raised).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConcernRaised.Kind.LEADER_CALLS_UNANSWERED);
            assertThat(c.subjectId()).isEqualTo(h.org.district());
            assertThat(c.sampleSize()).isEqualTo(12);
            assertThat(c.period()).isEqualTo("tuần 48/2026 (23/11–29/11)");
            // The detail is stored as a code and its figures; the pages word it (admin-web's bundles).
            assertThat(c.detail().code()).isEqualTo("concern.detail.LEADER_CALLS_UNANSWERED.hungUp");
            assertThat(c.detail().args()).containsExactly("3", "12", "25.0", "80", c.periodWords(), "2");
            assertThat(c.periodWords()).isEqualTo(StoredText.of("incident.period.isoWeek", 48, 2026, "23/11", "29/11"));
        });
        List<IncidentSummary> concerns = h.incidents.list(IncidentFilter.all()).stream()
                .filter(i -> i.kind() == IncidentKind.LEADER_CALLS_UNANSWERED).toList();
        // The digest's words for it, as before (issue 19 gave the pages their own).
        assertThat(concerns).singleElement().extracting(IncidentSummary::summary)
                .isEqualTo("lãnh đạo trực ít nghe máy huyện Gio Linh 25% (n=12, tuần 48/2026 (23/11–29/11))");
        assertThat(concerns).singleElement().satisfies(i ->
                assertThat(i.titleText()).isEqualTo(
                        StoredText.of("incident.title.LEADER_CALLS_UNANSWERED", "huyện Gio Linh")));

        // Run again (a recovered job, or by hand): never raised twice.
        assertThat(responsiveness.checkLastWeek()).isEmpty();
        assertThat(responsiveness.checkWeek(LocalDate.of(2026, 11, 29))).isEmpty();
        assertThat(h.incidents.list(IncidentFilter.all()).stream()
                .filter(i -> i.kind() == IncidentKind.LEADER_CALLS_UNANSWERED)).hasSize(1);
        // The week before had one counted call only: too few to raise anything.
        assertThat(responsiveness.checkWeek(LocalDate.of(2026, 11, 22))).isEmpty();
    }

    /** A caller asks for the leader: each level rung in turn, as the hotline does, and the miss recorded. */
    private void call(Instant at, boolean test, String... statuses) {
        h.clock.set(at);
        long id = calls.started(new CallLog.CallStarted("week." + ids.incrementAndGet(), "0905123456", "1022",
                "PJSIP/trunk-01", "node-a", at, test));
        List<LeaderCallMissed.Try> tries = new ArrayList<>();
        String[][] people = {{"Trần Thị Hoa", HEAD}, {"Phạm Văn Bình", VICE}, {"Lê Văn Cường", CHAIR}};
        for (int level = 1; level <= statuses.length; level++) {
            String status = statuses[level - 1];
            calls.leaderRung(id, h.org.oneStopOffice(), new CallLog.LeaderRing(level,
                    List.of(new CallLog.Person(people[level - 1][0], people[level - 1][1])), status,
                    Duration.ofSeconds(30), h.clock.instant()));
            h.clock.advance(Duration.ofSeconds(30));
            if (!status.equals("ANSWER") && !status.equals("CANCEL")) {
                tries.add(new LeaderCallMissed.Try(level, List.of(people[level - 1][0]), status));
            }
        }
        if (!test && statuses.length == 3 && !statuses[2].equals("ANSWER")) {
            calls.leaderCallMissed(id, h.org.oneStopOffice(), "0905123456", "NO_ANSWER", tries);
        }
        calls.ended(id, CallLog.Outcome.COMPLETED, "LEADER");
    }

    private IncidentSummary openMissedCall() {
        h.dispatcher.dispatchDue();
        return h.incidents.list(IncidentFilter.all()).stream()
                .filter(i -> i.kind() == IncidentKind.MISSED_LEADER_CALL && i.state().acknowledgeable())
                .findFirst().orElseThrow();
    }

    private void reply(String phone, IncidentSummary incident) {
        h.webhooks.inbound(new SmsWebhooks.Inbound("SMin" + ids.incrementAndGet(), phone, "+15005550006",
                "OK " + incident.code()));
    }

    private static ResponsivenessReport.Leader leader(ResponsivenessReport r, String phone) {
        return r.leaders().stream().filter(l -> l.phone().equals(phone)).findFirst().orElseThrow();
    }

    private static Instant at(int dayOfNovember, int hour, int minute) {
        return LocalDateTime.of(2026, 11, dayOfNovember, hour, minute).atZone(VN).toInstant();
    }
}
