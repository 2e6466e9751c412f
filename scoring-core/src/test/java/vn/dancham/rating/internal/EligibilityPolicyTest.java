package vn.dancham.rating.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.rating.internal.EligibilityPolicy.Answer;
import vn.dancham.rating.internal.EligibilityPolicy.Decision;
import vn.dancham.rating.internal.EligibilityPolicy.Facts;
import vn.dancham.rating.internal.EligibilityPolicy.Identity;
import vn.dancham.rating.internal.EligibilityPolicy.Prior;
import vn.dancham.rating.internal.EligibilityPolicy.Rule;
import vn.dancham.scoring.ScoringProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The eligibility rules with hand-made facts, one behaviour each (defaults as documented in docs/scoring.md). */
class EligibilityPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final long OFFICER = 7;
    static final String RIVAL = "0987000001";

    final EligibilityPolicy policy = new EligibilityPolicy(ScoringProperties.defaults().antiGaming());

    static Answer answer(Identity identity, String caller, long dossier, int value) {
        return new Answer(identity, caller, dossier, List.of(OFFICER), "ATTITUDE", value, NOW, false);
    }

    static Prior prior(long id, Identity identity, String caller, long dossier, int value, Duration ago) {
        return new Prior(id, identity, caller, dossier, value, NOW.minus(ago), false);
    }

    static Facts none() {
        return new Facts(0, List.of(), List.of(), List.of());
    }

    @Test
    void theApplicantsOwnAnswerCounts() {
        assertThat(policy.decide(answer(Identity.VERIFIED, "0912345678", 1, 1), none()).counts()).isTrue();
    }

    @Test
    void aCallersDailyCapHoldsFurtherAnswers() {
        Facts fifteen = new Facts(15, List.of(), List.of(), List.of());
        Decision d = policy.decide(answer(Identity.VERIFIED, "0912345678", 1, 5), fifteen);
        assertThat(d.rule()).isEqualTo(Rule.DAILY_CAP);
    }

    @Test
    void onlyOneAnonymousCallerCountsForADossier() {
        Facts first = new Facts(0, List.of(prior(10, Identity.UNVERIFIED, "0987000002", 1, 2, Duration.ofMinutes(1))),
                List.of(), List.of());
        Decision d = policy.decide(answer(Identity.UNVERIFIED, RIVAL, 1, 1), first);
        assertThat(d.rule()).isEqualTo(Rule.DOSSIER_CALLERS);
        assertThat(d.evidence()).containsExactly(10L);
    }

    @Test
    void aWithheldCallerIsAnAnonymousCallerOfTheDossierToo() {
        Facts first = new Facts(0, List.of(prior(10, Identity.UNVERIFIED, "0987000002", 1, 2, Duration.ofMinutes(1))),
                List.of(), List.of());
        assertThat(policy.decide(answer(Identity.WITHHELD, null, 1, 1), first).rule())
                .isEqualTo(Rule.DOSSIER_CALLERS);
    }

    @Test
    void theApplicantAndAHouseholdMemberWhoKnowsThePhoneBothCountBesideAnAnonymousCaller() {
        Facts others = new Facts(0, List.of(
                prior(10, Identity.VERIFIED, "0912345678", 1, 5, Duration.ofDays(1)),
                prior(11, Identity.UNVERIFIED, "0987000002", 1, 4, Duration.ofHours(2))), List.of(), List.of());
        assertThat(policy.decide(answer(Identity.KNOWN, "0912000003", 1, 4), others).counts()).isTrue();
    }

    @Test
    void aCallerWhoIsNotTheApplicantCountsForOneDossierOfAnOfficerAMonth() {
        Facts rated = new Facts(0, List.of(), List.of(prior(20, Identity.UNVERIFIED, RIVAL, 2, 4,
                Duration.ofDays(20))), List.of());
        Decision d = policy.decide(answer(Identity.UNVERIFIED, RIVAL, 3, 4), rated);
        assertThat(d.rule()).isEqualTo(Rule.CALLER_OFFICER);
        assertThat(d.evidence()).containsExactly(20L);
        // outside the 30-day window it counts again
        Facts old = new Facts(0, List.of(), List.of(prior(20, Identity.UNVERIFIED, RIVAL, 2, 4,
                Duration.ofDays(31))), List.of());
        assertThat(policy.decide(answer(Identity.UNVERIFIED, RIVAL, 3, 4), old).counts()).isTrue();
    }

    @Test
    void aServiceAgentWhoKnowsTheApplicantsPhonesCountsForThreeDossiersOfOneOfficer() {
        List<Prior> two = List.of(prior(20, Identity.KNOWN, "0903111222", 2, 5, Duration.ofDays(3)),
                prior(21, Identity.KNOWN, "0903111222", 3, 4, Duration.ofDays(2)));
        assertThat(policy.decide(answer(Identity.KNOWN, "0903111222", 4, 5), new Facts(0, List.of(), two, List.of()))
                .counts()).isTrue();
        List<Prior> three = new ArrayList<>(two);
        three.add(prior(22, Identity.KNOWN, "0903111222", 4, 5, Duration.ofDays(1)));
        assertThat(policy.decide(answer(Identity.KNOWN, "0903111222", 5, 5), new Facts(0, List.of(), three, List.of()))
                .rule()).isEqualTo(Rule.CALLER_OFFICER);
    }

    @Test
    void withheldCallersShareOnePerOfficerLimit() {
        Facts withheldBefore = new Facts(0, List.of(), List.of(prior(20, Identity.WITHHELD, null, 2, 4,
                Duration.ofDays(5))), List.of());
        assertThat(policy.decide(answer(Identity.WITHHELD, null, 3, 4), withheldBefore).rule())
                .isEqualTo(Rule.CALLER_OFFICER);
    }

    @Test
    void manyNumbersCountForAnOfficerOnlyUpToTheAnonymousLimit() {
        List<Prior> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(prior(30 + i, Identity.UNVERIFIED, "098700010" + i, 10 + i, 5, Duration.ofDays(10 + i)));
        }
        Decision d = policy.decide(answer(Identity.UNVERIFIED, RIVAL, 3, 5), new Facts(0, List.of(), four, List.of()));
        assertThat(d.rule()).isEqualTo(Rule.OFFICER_ANONYMOUS);
    }

    @Test
    void aStrangersLowAnswerAboutAnOfficerWaitsForHrUnlessTheRecordBearsItOut() {
        assertThat(policy.decide(answer(Identity.UNVERIFIED, RIVAL, 1, 2), none()).rule())
                .isEqualTo(Rule.ANONYMOUS_LOW);
        assertThat(policy.decide(answer(Identity.WITHHELD, null, 1, 1), none()).rule())
                .isEqualTo(Rule.ANONYMOUS_LOW);
        assertThat(policy.decide(answer(Identity.UNVERIFIED, RIVAL, 1, 3), none()).counts()).isTrue();
        Answer lateStage = new Answer(Identity.UNVERIFIED, RIVAL, 1L, List.of(OFFICER), "TIMELINESS", 1, NOW, false,
                true);
        assertThat(policy.decide(lateStage, none()).counts()).as("the stage did run late").isTrue();
        Answer aboutTheOffice = new Answer(Identity.UNVERIFIED, RIVAL, 1L, List.of(), "OVERALL", 1, NOW, false);
        assertThat(policy.decide(aboutTheOffice, none()).counts()).isTrue();
        Answer released = new Answer(Identity.UNVERIFIED, RIVAL, 1L, List.of(OFFICER), "ATTITUDE", 1, NOW, true);
        assertThat(policy.decide(released, none()).counts()).as("HR released this caller's answer").isTrue();
    }

    @Test
    void aBurstIsCountedOnDossiersNotOnTheOfficersATimelinessAnswerReaches() {
        // three dossiers, three answers each, every one about several officers: an honest applicant
        List<Prior> nine = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            for (int q = 0; q < 3; q++) {
                nine.add(prior(40 + d * 3 + q, Identity.VERIFIED, "0912345678", 100 + d, 5, Duration.ofMinutes(9 - q)));
            }
        }
        Answer next = new Answer(Identity.VERIFIED, "0912345678", 103L, List.of(1L, 2L, 3L, 4L, 5L, 6L),
                "TIMELINESS", 5, NOW, false);
        assertThat(policy.decide(next, new Facts(9, List.of(), List.of(), nine)).counts()).isTrue();
    }

    @Test
    void sixDossiersInAnHourIsABurstAndHoldsTheOthers() {
        List<Prior> five = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            five.add(prior(50 + d, Identity.VERIFIED, "0912345678", 200 + d, 5, Duration.ofMinutes(10 - d)));
        }
        Decision d = policy.decide(answer(Identity.VERIFIED, "0912345678", 205, 5), new Facts(5, List.of(), List.of(),
                five));
        assertThat(d.rule()).isEqualTo(Rule.BURST);
        assertThat(d.alsoHold()).containsExactly(50L, 51L, 52L, 53L, 54L);
    }

    @Test
    void aSecondLowAnswerFromAnotherCallerWhoIsNotTheApplicantIsHeldWhateverTheyMix() {
        Facts one = new Facts(0, List.of(), List.of(prior(60, Identity.KNOWN, "0987000009", 9, 1,
                Duration.ofDays(2))), List.of());
        Decision d = policy.decide(answer(Identity.KNOWN, "0912000003", 1, 2), one);
        assertThat(d.rule()).isEqualTo(Rule.LOW_CLUSTER);
        assertThat(d.evidence()).containsExactly(60L);
        assertThat(policy.decide(answer(Identity.KNOWN, "0912000003", 1, 3), one).counts())
                .as("a 3 is not low to this rule").isTrue();
        assertThat(d.alsoHold()).as("the earlier answer stays counted: nobody can take it out by answering after it")
                .isEmpty();
    }

    @Test
    void theApplicantsLowAnswerIsNeverPulledIntoACluster() {
        Facts one = new Facts(0, List.of(), List.of(prior(60, Identity.UNVERIFIED, "0987000009", 9, 1,
                Duration.ofDays(2))), List.of());
        assertThat(policy.decide(answer(Identity.VERIFIED, "0912345678", 1, 1), one).counts()).isTrue();
    }

    @Test
    void heldAnswersAreNoEvidenceSoAFloodCannotShieldAnOfficer() {
        // The facts hold counted answers only: after a flood was held, a genuine low answer from a household
        // member stands alone and counts.
        assertThat(policy.decide(answer(Identity.KNOWN, "0912000003", 1, 1), none()).counts()).isTrue();
    }

    @Test
    void anAnswerHrClearedIsNoClusterEvidence() {
        Facts cleared = new Facts(0, List.of(), List.of(new Prior(60, Identity.KNOWN, "0987000009", 9L, 1,
                NOW.minus(Duration.ofDays(1)), true)), List.of());
        assertThat(policy.decide(answer(Identity.KNOWN, "0912000003", 1, 1), cleared).counts()).isTrue();
    }

    @Test
    void aClearedCallerIsNotHeldAgainByThePatternRules() {
        List<Prior> five = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            five.add(prior(50 + d, Identity.KNOWN, "0903111222", 200 + d, 1, Duration.ofMinutes(10 - d)));
        }
        Answer again = new Answer(Identity.KNOWN, "0903111222", 205L, List.of(), "OVERALL", 1, NOW, true);
        assertThat(policy.decide(again, new Facts(5, List.of(), List.of(), five)).counts()).isTrue();
    }

    @Test
    void theSameCallersOtherAnswerAboutTheSameDossierIsNotACluster() {
        Facts own = new Facts(1, List.of(), List.of(prior(70, Identity.KNOWN, "0912000003", 1, 2,
                Duration.ofSeconds(20))), List.of());
        Answer timeliness = new Answer(Identity.KNOWN, "0912000003", 1L, List.of(OFFICER), "TIMELINESS", 2, NOW, false);
        assertThat(policy.decide(timeliness, own).counts()).isTrue();
    }

    /**
     * The loaders read only the officer answers {@link EligibilityPolicy#weighsOfficerAnswer} keeps (migration V265).
     * Over random facts (anonymous, known and verified callers, values 1 to 5, some cleared, inside and outside the
     * windows, the answer's own caller among them) and the cluster's low mark at 0, 2 (the default) and 4, leaving the
     * others out never changes a decision, its rule, its evidence or what it holds.
     */
    @Test
    void leavingOutTheOfficerAnswersNoRuleWeighsChangesNoDecision() {
        java.util.Random random = new java.util.Random(20261204);
        String[] callers = {RIVAL, "0987000002", "0912000003", "0903111222", null};
        Identity[] identities = Identity.values();
        int dropped = 0;
        java.util.Set<Rule> held = java.util.EnumSet.noneOf(Rule.class);
        for (int lowMark : new int[] {0, 2, 4}) {
            ScoringProperties.AntiGaming d = ScoringProperties.defaults().antiGaming();
            ScoringProperties.AntiGaming limits = new ScoringProperties.AntiGaming(d.dailyCap(),
                    d.dossierAnonymousCallers(), d.dossierKnownCallers(), d.callerOfficerWindow(),
                    d.callerOfficerDossiers(), d.knownCallerOfficerDossiers(), d.officerAnonymousCallers(),
                    d.anonymousLowMaxValue(), d.burstWindow(), d.burstDistinctDossiers(), d.lowClusterWindow(),
                    d.lowClusterCount(), lowMark, d.lowestAttitudeAlert(), d.knowledgeCheck());
            EligibilityPolicy rules = new EligibilityPolicy(limits);
            for (int trial = 0; trial < 5_000; trial++) {
                String caller = callers[random.nextInt(callers.length)];
                Identity identity = caller == null ? Identity.WITHHELD
                        : identities[random.nextInt(3)]; // VERIFIED, KNOWN or UNVERIFIED
                Answer a = new Answer(identity, caller, (long) random.nextInt(4), List.of(OFFICER), "ATTITUDE",
                        1 + random.nextInt(5), NOW, random.nextInt(10) == 0);
                List<Prior> officer = new ArrayList<>();
                for (int i = random.nextInt(12); i > 0; i--) {
                    String c = callers[random.nextInt(callers.length)];
                    Identity id = c == null ? Identity.WITHHELD : identities[1 + random.nextInt(2)];
                    officer.add(new Prior(100 + i, id, c, (long) random.nextInt(6), 1 + random.nextInt(5),
                            NOW.minus(Duration.ofHours(random.nextInt(40 * 24))), random.nextInt(8) == 0));
                }
                List<Prior> kept = officer.stream()
                        .filter(p -> EligibilityPolicy.weighsOfficerAnswer(p, a.callerKey(), limits)).toList();
                dropped += officer.size() - kept.size();
                Facts all = new Facts(random.nextInt(3), List.of(), officer, List.of());
                Facts weighed = new Facts(all.callerCountedToday(), List.of(), kept, List.of());
                Decision decision = rules.decide(a, all);
                assertThat(rules.decide(a, weighed)).as("trial %d at low mark %d: %s", trial, lowMark, all)
                        .isEqualTo(decision);
                if (!decision.counts()) {
                    held.add(decision.rule());
                }
            }
        }
        // The test means something only if answers were left out and every rule that reads them held some answers.
        assertThat(dropped).isGreaterThan(10_000);
        assertThat(held).contains(Rule.CALLER_OFFICER, Rule.OFFICER_ANONYMOUS, Rule.LOW_CLUSTER);
    }
}
