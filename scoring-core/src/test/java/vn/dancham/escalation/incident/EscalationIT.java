package vn.dancham.escalation.incident;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.calls.LeaderCallMissed;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.escalation.IncidentChange;
import vn.dancham.escalation.IncidentDetail;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentKind;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.SmsView;
import vn.dancham.escalation.SmsWebhooks;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.text.StoredText;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.INCIDENT_EVENT;
import static vn.dancham.db.jooq.Tables.SMS_INBOUND;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;
import static vn.dancham.escalation.incident.Harness.CHAIR;
import static vn.dancham.escalation.incident.Harness.HEAD;
import static vn.dancham.escalation.incident.Harness.T0;
import static vn.dancham.escalation.incident.Harness.VICE;

/** Incidents and their escalation on real PostgreSQL with a clock the test moves. */
class EscalationIT {

    final Harness.RecordingGateway gateway = new Harness.RecordingGateway();
    final Harness h = new Harness(gateway).withDayRoster();

    @AfterEach
    void tearDown() {
        h.close();
    }

    HarassmentReported report(long complaintId, Long officerId) {
        return new HarassmentReported(complaintId, null, null, "2026001234", h.org.oneStopOffice(), officerId,
                "0905123456", T0);
    }

    IncidentSummary only() {
        List<IncidentSummary> all = h.incidents.list(IncidentFilter.all());
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    @Test
    void aHarassmentReportOpensAnUrgentIncidentAndItsFirstSmsToTheOfficeHead() {
        h.opening.on(report(1, h.org.officer()));

        IncidentSummary i = only();
        assertThat(i.kind()).isEqualTo(IncidentKind.HARASSMENT_REPORT);
        assertThat(i.severity()).isEqualTo(Severity.URGENT);
        assertThat(i.state()).isEqualTo(IncidentState.NOTIFIED);
        assertThat(i.code()).matches("[0-9]{4}");
        assertThat(i.subjectType()).isEqualTo("OFFICER");
        assertThat(i.level()).isEqualTo(1);
        // Queued, not sent: the wait has not started.
        assertThat(i.nextStepAt()).isNull();

        IncidentDetail d = h.incidents.find(i.id()).orElseThrow();
        assertThat(d.timeline()).extracting(IncidentDetail.TimelineEntry::kind).containsExactly("OPENED", "NOTIFIED");
        assertThat(d.facts()).containsEntry("receiptNo", "2026001234").containsEntry("caller", "*******456");
        assertThat(d.messages()).singleElement().satisfies(m -> {
            assertThat(m.toPhone()).isEqualTo(HEAD);
            assertThat(m.state()).isEqualTo("PENDING");
            // One GSM-7 segment: diacritics stripped, the middle cut between words to leave room for the
            // reference; no receipt number (it points at the applicant).
            assertThat(m.body()).isEqualTo("[Dan Cham] KHAN " + i.code() + ": phan anh voi vinh tai Bo phan 1 cua "
                    + "huyen Gio Linh, CB Nguyen Van An... Tra loi OK " + i.code() + " de nhan. "
                    + "https://dancham.example.vn/i/" + i.id());
            assertThat(m.encoding()).isEqualTo("GSM7");
            assertThat(m.segments()).isEqualTo(1);
        });
    }

    @Test
    void theIncidentAndItsSmsAreWrittenInThePublishersTransactionAndRolledBackWithIt() {
        // Wired the way Spring Boot wires jOOQ: a transaction-aware DataSource and Spring's transaction provider,
        // so the listener joins the publisher's transaction.
        var txManager = new org.springframework.jdbc.support.JdbcTransactionManager(h.db.dataSource());
        var springDsl = org.jooq.impl.DSL.using(new org.jooq.impl.DefaultConfiguration()
                .set(new org.jooq.impl.DataSourceConnectionProvider(
                        new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(h.db.dataSource())))
                .set(new org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider(txManager))
                .set(org.jooq.SQLDialect.POSTGRES));
        var escalator = new Escalator(springDsl, h.store, h.roster, h.outbox, h.texts, h.clock);
        var opening = new IncidentOpening(springDsl, h.store, escalator, h.texts, h.settings, h.clock);
        var tx = new org.springframework.transaction.support.TransactionTemplate(txManager);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            opening.on(report(1, h.org.officer()));
            throw new IllegalStateException("the report itself failed to store");
        })).hasMessageContaining("failed to store");
        assertThat(h.db.dsl().fetchCount(INCIDENT)).isZero();
        assertThat(h.db.dsl().fetchCount(INCIDENT_EVENT)).isZero();
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isZero();

        tx.executeWithoutResult(status -> opening.on(report(1, h.org.officer())));
        assertThat(h.db.dsl().fetchCount(INCIDENT)).isEqualTo(1);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isEqualTo(1);
    }

    @Test
    void escalatesToTheDistrictViceChairOnlyAfterFiveMinutesWithoutAcknowledgement() {
        h.opening.on(report(1, h.org.officer()));
        h.dispatcher.dispatchDue();
        assertThat(gateway.to()).containsExactly(HEAD);

        h.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(h.escalator.advanceDue()).isZero();
        h.dispatcher.dispatchDue();
        assertThat(gateway.to()).containsExactly(HEAD);

        h.clock.advance(Duration.ofSeconds(1));
        assertThat(h.escalator.advanceDue()).isEqualTo(1);
        h.dispatcher.dispatchDue();
        assertThat(gateway.to()).containsExactly(HEAD, VICE);
        assertThat(gateway.sent.getLast().body()).startsWith("[Dan Cham] KHAN " + only().code()
                + " (chua ai nhan): phan anh voi vinh");
        assertThat(only().level()).isEqualTo(2);
    }

    @Test
    void acknowledgingStopsEscalationAndCancelsWhatWasNotSentYet() {
        h.opening.on(report(1, h.org.officer()));
        IncidentSummary i = only();

        IncidentChange change = h.incidents.acknowledge(i.id(), "lanhdao.giolinh");
        assertThat(change).isInstanceOf(IncidentChange.Done.class);
        assertThat(((IncidentChange.Done) change).incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(((IncidentChange.Done) change).incident().nextStepAt()).isNull();

        h.clock.advance(Duration.ofHours(2));
        assertThat(h.escalator.advanceDue()).isZero();
        h.dispatcher.dispatchDue();
        assertThat(gateway.sent).isEmpty();
        assertThat(h.incidents.find(i.id()).orElseThrow().messages()).extracting(SmsView::state)
                .containsExactly("CANCELLED");
        assertThat(h.incidents.acknowledge(i.id(), "x")).isInstanceOf(IncidentChange.NotAllowed.class);
    }

    @Test
    void theWholeChainRepeatsThenTheIncidentIsLeftUnacknowledged() {
        h.policy("URGENT", 300, 3, 1);
        h.opening.on(report(1, h.org.officer()));
        for (int step = 0; step < 10; step++) {
            h.dispatcher.dispatchDue();
            h.clock.advance(Duration.ofMinutes(5));
            h.escalator.advanceDue();
        }
        h.dispatcher.dispatchDue();
        assertThat(gateway.to()).containsExactly(HEAD, VICE, CHAIR, HEAD, VICE, CHAIR);
        IncidentSummary i = only();
        assertThat(i.state()).isEqualTo(IncidentState.UNACKNOWLEDGED);
        assertThat(i.nextStepAt()).isNull();
        assertThat(h.incidents.find(i.id()).orElseThrow().timeline()).extracting(IncidentDetail.TimelineEntry::kind)
                .containsExactly("OPENED", "NOTIFIED", "SMS_SENT", "ESCALATED", "SMS_SENT", "ESCALATED", "SMS_SENT",
                        "ESCALATED", "SMS_SENT", "ESCALATED", "SMS_SENT", "ESCALATED", "SMS_SENT", "UNACKNOWLEDGED");
        // Still acknowledgeable afterwards.
        assertThat(h.incidents.acknowledge(i.id(), "late")).isInstanceOf(IncidentChange.Done.class);
    }

    @Test
    void withNobodyOnDutyTheIncidentWaitsAndReachesWhoeverComesOnDuty() {
        h.db.dsl().deleteFrom(vn.dancham.db.jooq.Tables.DUTY_SHIFT).execute();
        h.opening.on(report(1, h.org.officer()));
        IncidentSummary i = only();
        assertThat(i.state()).isEqualTo(IncidentState.OPEN);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isZero();

        vn.dancham.escalation.OrgFixture.shift(h.db.dsl(), null, h.org.district(), 2, "Phạm Văn Bình", VICE, T0,
                T0.plus(Duration.ofDays(1)));
        h.clock.advance(Duration.ofMinutes(5));
        h.escalator.advanceDue();
        h.dispatcher.dispatchDue();
        assertThat(gateway.to()).containsExactly(VICE);
        assertThat(h.incidents.find(i.id()).orElseThrow().timeline()).extracting(IncidentDetail.TimelineEntry::kind)
                .containsExactly("OPENED", "NO_ONE_ON_DUTY", "ESCALATED", "SMS_SENT");
    }

    @Test
    void aRepeatAddsToTheOpenIncidentAndAnotherSubjectOpensItsOwnWithADifferentCode() {
        h.opening.on(report(1, h.org.officer()));
        h.opening.on(report(2, h.org.officer()));
        IncidentSummary i = only();
        assertThat(i.occurrences()).isEqualTo(2);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isEqualTo(1);

        h.opening.on(report(3, null));
        List<IncidentSummary> all = h.incidents.list(IncidentFilter.all());
        assertThat(all).hasSize(2);
        assertThat(all.get(0).code()).isNotEqualTo(all.get(1).code());
        // Acknowledged still counts as open for deduplication; resolved does not.
        h.incidents.acknowledge(i.id(), "x");
        h.opening.on(report(4, h.org.officer()));
        assertThat(h.incidents.list(IncidentFilter.all())).hasSize(2);
        h.incidents.resolve(i.id(), "x", "Đã xác minh, xử lý kỷ luật");
        h.opening.on(report(5, h.org.officer()));
        assertThat(h.incidents.list(IncidentFilter.all())).hasSize(3);
    }

    @Test
    void resolvingNeedsANote() {
        h.opening.on(report(1, h.org.officer()));
        long id = only().id();
        assertThat(h.incidents.resolve(id, "x", "  ")).isInstanceOf(IncidentChange.Invalid.class);
        assertThat(h.incidents.resolve(999, "x", "n")).isEqualTo(new IncidentChange.NotFound(999));
        IncidentChange done = h.incidents.resolve(id, "x", "Đã xử lý");
        assertThat(((IncidentChange.Done) done).incident().resolutionNote()).isEqualTo("Đã xử lý");
        assertThat(h.incidents.resolve(id, "x", "again")).isInstanceOf(IncidentChange.NotAllowed.class);
    }

    @Test
    void aMissedLeaderCallIsUrgentAndALowestAttitudeRatingIsAWarningWithThirtyMinutes() {
        h.opening.on(new LeaderCallMissed(7, h.org.oneStopOffice(), null, "0905123456", T0, "NO_ANSWER"));
        h.opening.on(new ConcernRaised(ConcernRaised.Kind.LOWEST_ATTITUDE, "OFFICER", h.org.officer(),
                "Nguyễn Văn An", h.org.oneStopOffice(), h.org.district(), null, 1, null, null,
                StoredText.of("concern.detail.LOWEST_ATTITUDE", "Bộ phận 1 cửa", 9), T0));
        List<IncidentSummary> all = h.incidents.list(IncidentFilter.all());
        IncidentSummary missed = all.stream().filter(i -> i.kind() == IncidentKind.MISSED_LEADER_CALL).findFirst()
                .orElseThrow();
        IncidentSummary attitude = all.stream().filter(i -> i.kind() == IncidentKind.LOWEST_ATTITUDE).findFirst()
                .orElseThrow();
        assertThat(missed.severity()).isEqualTo(Severity.URGENT);
        assertThat(missed.summary()).contains("không nghe máy").doesNotContain("456");
        assertThat(attitude.severity()).isEqualTo(Severity.WARNING);
        // Both alerts for the office head go as one SMS a second later: each wait counts from then.
        h.clock.advance(Duration.ofSeconds(1));
        h.dispatcher.dispatchDue();
        assertThat(h.incidents.find(attitude.id()).orElseThrow().incident().nextStepAt())
                .isEqualTo(T0.plusSeconds(1).plus(Duration.ofMinutes(30)));
        assertThat(h.incidents.find(missed.id()).orElseThrow().incident().nextStepAt())
                .isEqualTo(T0.plusSeconds(1).plus(Duration.ofMinutes(5)));
    }

    @Test
    void lowConcernsWaitForTheDailyDigestWhichIsOneSmsPerLeaderOnce() {
        h.opening.on(new ConcernRaised(ConcernRaised.Kind.LOW_SCORE, "OFFICER", h.org.officer(), "Nguyễn Văn An",
                h.org.oneStopOffice(), h.org.district(), new BigDecimal("48.6"), 42, "30 ngày", null, null, T0));
        h.opening.on(new ConcernRaised(ConcernRaised.Kind.SCORE_DROP, "OFFICE", h.org.oneStopOffice(),
                "Bộ phận 1 cửa huyện Gio Linh", h.org.oneStopOffice(), h.org.district(), new BigDecimal("61"), 230,
                "2026-10", null, null, T0));
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE)).isZero();
        // What the digest says of each, word for word as before the pages got their own words (issue 19).
        assertThat(h.incidents.list(IncidentFilter.all())).extracting(IncidentSummary::summary).containsExactlyInAnyOrder(
                "điểm thấp Nguyễn Văn An, Bộ phận 1 cửa huyện Gio Linh 49/100 (n=42, 30 ngày)",
                "điểm giảm mạnh Bộ phận 1 cửa huyện Gio Linh 61/100 (n=230, 2026-10)");
        h.clock.advance(Duration.ofDays(1));
        assertThat(h.escalator.advanceDue()).isZero();

        assertThat(h.digest.run()).isEqualTo(1);
        assertThat(h.digest.run()).isZero();
        h.dispatcher.dispatchDue();
        assertThat(gateway.sent).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(HEAD);
            assertThat(s.body()).startsWith("[Dan Cham] Tong hop 23/11: 2 luu y. ")
                    .contains("diem thap Nguyen Van An, Bo phan 1 cua huyen Gio Linh 49/100 (n=42, 30 ngay)")
                    .contains("diem giam manh Bo phan 1 cua huyen Gio Linh 61/100")
                    .matches("(?s).* Xem: https://dancham.example.vn/incidents #[0-9A-Z]+");
            assertThat(vn.dancham.escalation.sms.SmsText.of(s.body()).segments()).isLessThanOrEqualTo(3);
        });
        assertThat(h.incidents.list(IncidentFilter.all())).extracting(IncidentSummary::state)
                .containsOnly(IncidentState.NOTIFIED);
    }

    @Test
    void severalAlertsForOneLeaderWithinAMinuteGoAsOneSmsAndTheRateLimitHoldsTheNext() {
        h.opening.on(report(1, h.org.officer()));
        h.opening.on(new LeaderCallMissed(7, h.org.oneStopOffice(), null, "0905123456", T0, "BUSY"));
        h.dispatcher.dispatchDue();
        assertThat(gateway.sent).singleElement().satisfies(s -> assertThat(s.body())
                .startsWith("[Dan Cham] 2 viec: KHAN ").contains(" | KHAN ")
                .doesNotContain("CB Nguyen Van A..."));
        assertThat(h.incidents.backlog().countsByState()).containsEntry("SENT", 1L).containsEntry("BUNDLED", 1L);

        h.opening.on(new ConcernRaised(ConcernRaised.Kind.LOWEST_ATTITUDE, "OFFICER", h.org.officer(),
                "Nguyễn Văn An", h.org.oneStopOffice(), h.org.district(), null, 1, null, null, null, T0));
        h.clock.advance(Duration.ofSeconds(30));
        h.dispatcher.dispatchDue();
        assertThat(gateway.sent).hasSize(1);
        h.clock.advance(Duration.ofSeconds(30));
        h.dispatcher.dispatchDue();
        assertThat(gateway.sent).hasSize(2);
        assertThat(gateway.sent.getLast().body()).matches("\\[Dan Cham\\] CANH BAO [0-9]{4}: danh gia thai do 1/5.*");
    }

    @Test
    void aReplyOkWithTheCodeFromThePhoneItWentToAcknowledges() {
        h.opening.on(report(1, h.org.officer()));
        h.dispatcher.dispatchDue();
        IncidentSummary i = only();

        // A stranger texting the number changes nothing and, by default, gets nothing back (it costs money).
        assertThat(h.webhooks.inbound(new SmsWebhooks.Inbound("SMin1", "+84999999999", "+15005550006",
                "OK " + i.code()))).isEmpty();
        assertThat(h.db.dsl().fetchValue("SELECT result FROM sms_inbound WHERE provider_sid = 'SMin1'"))
                .isEqualTo("UNKNOWN_CODE");
        assertThat(only().state()).isEqualTo(IncidentState.NOTIFIED);
        String wrongCode = h.webhooks.inbound(new SmsWebhooks.Inbound("SMin2", HEAD, "+15005550006",
                "OK " + (i.code().equals("0000") ? "0001" : "0000"))).orElseThrow();
        assertThat(wrongCode).contains("Khong co viec dang cho voi ma");
        assertThat(only().state()).isEqualTo(IncidentState.NOTIFIED);

        String reply = h.webhooks.inbound(new SmsWebhooks.Inbound("SMin3", "0913 000 001", "+15005550006",
                " ok" + i.code() + " ")).orElseThrow();
        assertThat(reply).isEqualTo("[Dan Cham] Da ghi nhan anh/chi nhan xu ly viec " + i.code()
                + ". Cam on. https://dancham.example.vn/i/" + i.id());
        IncidentSummary acked = only();
        assertThat(acked.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo(HEAD);
        // Twilio retrying the same webhook: same answer, nothing more.
        assertThat(h.webhooks.inbound(new SmsWebhooks.Inbound("SMin3", HEAD, "+15005550006", "OK " + i.code())))
                .contains(reply);
        assertThat(h.db.dsl().fetchCount(SMS_INBOUND)).isEqualTo(3);
        assertThat(h.webhooks.inbound(new SmsWebhooks.Inbound("SMin4", HEAD, null, "OK " + i.code())).orElseThrow())
                .contains("da duoc nhan xu ly");
        // Not an acknowledgement at all: the help text, not "no pending item with this code".
        assertThat(h.webhooks.inbound(new SmsWebhooks.Inbound("SMin5", HEAD, null, "xin chao")).orElseThrow())
                .contains("chua dung cu phap").contains("OK 4821").doesNotContain("Khong co viec");
    }

    @Test
    void aBareOkAcknowledgesOnlyWhenExactlyOneIncidentIsOpenForThatPhone() {
        h.opening.on(report(1, h.org.officer()));
        h.dispatcher.dispatchDue();
        h.opening.on(report(2, null));
        h.clock.advance(Duration.ofMinutes(1));
        h.dispatcher.dispatchDue();
        List<IncidentSummary> two = h.incidents.list(IncidentFilter.all());
        assertThat(two).hasSize(2);

        String which = h.webhooks.inbound(new SmsWebhooks.Inbound("SMin1", HEAD, null, "OK")).orElseThrow();
        assertThat(which).contains("2 viec").contains(two.get(0).code()).contains(two.get(1).code());
        assertThat(h.incidents.list(IncidentFilter.all())).extracting(IncidentSummary::state)
                .containsOnly(IncidentState.NOTIFIED);

        h.webhooks.inbound(new SmsWebhooks.Inbound("SMin2", HEAD, null, "OK " + two.get(0).code()));
        String ok = h.webhooks.inbound(new SmsWebhooks.Inbound("SMin3", HEAD, null, "Ok")).orElseThrow();
        assertThat(ok).contains("Da ghi nhan").contains(two.get(1).code());
        assertThat(h.incidents.list(IncidentFilter.all())).extracting(IncidentSummary::state)
                .containsOnly(IncidentState.ACKNOWLEDGED);
    }

    @Test
    void deliveryStatusCallbacksMoveForwardOnlyAndAFailureTriesTheNextContactAtOnce() {
        h.opening.on(report(1, h.org.officer()));
        h.dispatcher.dispatchDue();
        SmsView m = h.incidents.find(only().id()).orElseThrow().messages().getFirst();
        assertThat(m.state()).isEqualTo("SENT");
        assertThat(gateway.sent.getFirst().statusCallback()).isEqualTo("https://dancham.example.vn/twilio/status?m="
                + m.id());

        h.webhooks.status(new SmsWebhooks.Status(m.providerSid(), "delivered", null, m.id()));
        h.webhooks.status(new SmsWebhooks.Status(m.providerSid(), "sent", null, m.id()));
        assertThat(h.incidents.find(only().id()).orElseThrow().messages().getFirst().state()).isEqualTo("DELIVERED");

        // A second incident whose SMS is reported undelivered: the vice-chair is told without waiting 5 minutes.
        h.opening.on(report(2, null));
        h.clock.advance(Duration.ofMinutes(1));
        h.dispatcher.dispatchDue();
        IncidentSummary second = h.incidents.list(IncidentFilter.all()).getFirst();
        SmsView m2 = h.incidents.find(second.id()).orElseThrow().messages().getFirst();
        h.webhooks.status(new SmsWebhooks.Status(m2.providerSid(), "undelivered", "30003", m2.id()));
        assertThat(h.escalator.advanceDue()).isEqualTo(1);
        h.dispatcher.dispatchDue();
        assertThat(gateway.to()).containsExactly(HEAD, HEAD, VICE);
        assertThat(h.incidents.find(second.id()).orElseThrow().timeline())
                .extracting(IncidentDetail.TimelineEntry::kind).contains("SMS_FAILED", "ESCALATED");
    }
}
