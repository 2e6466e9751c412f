package vn.dancham.rating.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.rating.internal.Attribution.DossierFacts;
import vn.dancham.rating.internal.Attribution.StageFacts;
import vn.dancham.rating.internal.Attribution.Target;
import vn.dancham.scoring.ScoringProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AttributionTest {

    static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");
    static final long COUNTER_OFFICE = 1, LAND_OFFICE = 2, COUNTER_OFFICER = 10, SPECIALIST = 20, LEADER = 30;

    static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    /** Counter receives (day 0, on time), specialist checks (due day 5, finished day 9: 4 days late), leader signs. */
    static DossierFacts lateAtSpecialist() {
        return new DossierFacts(100, "2026001234", COUNTER_OFFICE, COUNTER_OFFICER, "0912345678", List.of(
                new StageFacts(1, 1, COUNTER_OFFICE, COUNTER_OFFICER, day(0), day(1), day(0)),
                new StageFacts(2, 2, LAND_OFFICE, SPECIALIST, day(0), day(5), day(9)),
                new StageFacts(3, 3, LAND_OFFICE, LEADER, day(9), day(10), day(10))));
    }

    static DossierFacts onTime() {
        return new DossierFacts(101, "2026001235", COUNTER_OFFICE, COUNTER_OFFICER, "0912345678", List.of(
                new StageFacts(4, 1, COUNTER_OFFICE, COUNTER_OFFICER, day(0), day(1), day(0)),
                new StageFacts(5, 2, LAND_OFFICE, SPECIALIST, day(0), day(5), day(4))));
    }

    final Attribution defaults = new Attribution(ScoringProperties.defaults().attribution());

    @Test
    void attitudeGoesToTheCounterOfficerWhoReceivedTheDossier() {
        assertThat(defaults.targets("ATTITUDE", lateAtSpecialist(), 0, day(20)))
                .containsExactly(new Target(COUNTER_OFFICE, COUNTER_OFFICER, null, "RECEIVING_OFFICER"));
    }

    @Test
    void timelinessGoesToTheSpecialistWhoHeldTheDossierLateNotTheCounterOfficer() {
        assertThat(defaults.targets("TIMELINESS", lateAtSpecialist(), 0, day(20)))
                .containsExactly(new Target(LAND_OFFICE, SPECIALIST, 2L, "LATE_STAGE"));
    }

    @Test
    void anOpenStagePastItsDueAnswersForTimelinessWhileStillOpen() {
        DossierFacts open = new DossierFacts(102, "2026001236", COUNTER_OFFICE, COUNTER_OFFICER, null, List.of(
                new StageFacts(6, 1, COUNTER_OFFICE, COUNTER_OFFICER, day(0), day(1), day(0)),
                new StageFacts(7, 2, LAND_OFFICE, SPECIALIST, day(0), day(5), null)));
        assertThat(defaults.targets("TIMELINESS", open, 0, day(6)))
                .containsExactly(new Target(LAND_OFFICE, SPECIALIST, 7L, "LATE_STAGE"));
        // Before its due time it is not late: everyone who handled the dossier shares the rating.
        assertThat(defaults.targets("TIMELINESS", open, 0, day(3))).extracting(Target::officerId)
                .containsExactly(COUNTER_OFFICER, SPECIALIST);
    }

    @Test
    void timelinessOfAnOnTimeDossierIsSharedByEveryoneWhoHandledIt() {
        assertThat(defaults.targets("TIMELINESS", onTime(), 0, day(20))).containsExactly(
                new Target(COUNTER_OFFICE, COUNTER_OFFICER, 4L, "HANDLING_STAGE"),
                new Target(LAND_OFFICE, SPECIALIST, 5L, "HANDLING_STAGE"));
    }

    @Test
    void overallGoesToTheReceivingOfficeAsAWhole() {
        assertThat(defaults.targets("OVERALL", lateAtSpecialist(), 0, day(20)))
                .containsExactly(new Target(COUNTER_OFFICE, null, null, "OFFICE"));
    }

    @Test
    void withoutADossierEveryCriterionGoesToTheChosenOffice() {
        for (String criterion : List.of("ATTITUDE", "TIMELINESS", "OVERALL")) {
            assertThat(defaults.targets(criterion, null, LAND_OFFICE, day(20)))
                    .containsExactly(new Target(LAND_OFFICE, null, null, "OFFICE"));
        }
    }

    @Test
    void aProvinceMayConfigureOtherRules() {
        Attribution other = new Attribution(ScoringProperties.with(Map.of(
                "attribution.attitude", "OFFICE",
                "attribution.timeliness-on-time", "RECEIVING_OFFICER",
                "attribution.overall", "RECEIVING_OFFICER")).attribution());
        assertThat(other.targets("ATTITUDE", lateAtSpecialist(), 0, day(20)))
                .containsExactly(new Target(COUNTER_OFFICE, null, null, "OFFICE"));
        assertThat(other.targets("TIMELINESS", onTime(), 0, day(20)))
                .containsExactly(new Target(COUNTER_OFFICE, COUNTER_OFFICER, null, "RECEIVING_OFFICER"));
        assertThat(other.targets("OVERALL", onTime(), 0, day(20)))
                .containsExactly(new Target(COUNTER_OFFICE, COUNTER_OFFICER, null, "RECEIVING_OFFICER"));
    }

    @Test
    void withoutAReceivingOfficerAttitudeFallsToTheOffice() {
        DossierFacts noOfficer = new DossierFacts(103, "2026001237", COUNTER_OFFICE, null, null, List.of());
        assertThat(defaults.targets("ATTITUDE", noOfficer, 0, day(1)))
                .containsExactly(new Target(COUNTER_OFFICE, null, null, "OFFICE"));
    }

    @Test
    void identityComparesTheCallerWithTheApplicantPhone() {
        assertThat(Attribution.identity(Optional.of("0912345678"), lateAtSpecialist(), null)).isEqualTo("VERIFIED");
        assertThat(Attribution.identity(Optional.of("0987654321"), lateAtSpecialist(), null)).isEqualTo("UNVERIFIED");
        assertThat(Attribution.identity(Optional.empty(), lateAtSpecialist(), null)).isEqualTo("WITHHELD");
        assertThat(Attribution.identity(Optional.of("0912345678"), null, null)).isEqualTo("UNVERIFIED");
    }

    @Test
    void aCallerWhoTypesTheLastFourDigitsOfTheApplicantPhoneIsKnown() {
        assertThat(Attribution.identity(Optional.of("0987654321"), lateAtSpecialist(), "5678")).isEqualTo("KNOWN");
        assertThat(Attribution.identity(Optional.empty(), lateAtSpecialist(), "5678")).isEqualTo("KNOWN");
        // the applicant's own line needs no check, whatever was typed
        assertThat(Attribution.identity(Optional.of("0912345678"), lateAtSpecialist(), "0000")).isEqualTo("VERIFIED");
    }

    @Test
    void wrongOrPartialDigitsAreNotKnowledge() {
        assertThat(Attribution.identity(Optional.of("0987654321"), lateAtSpecialist(), "5679")).isEqualTo("UNVERIFIED");
        assertThat(Attribution.identity(Optional.of("0987654321"), lateAtSpecialist(), "678")).isEqualTo("UNVERIFIED");
        assertThat(Attribution.identity(Optional.empty(), lateAtSpecialist(), "1234")).isEqualTo("WITHHELD");
        DossierFacts noPhone = new DossierFacts(104, "2026001238", COUNTER_OFFICE, null, null, List.of());
        assertThat(Attribution.identity(Optional.of("0987654321"), noPhone, "5678")).isEqualTo("UNVERIFIED");
    }
}
