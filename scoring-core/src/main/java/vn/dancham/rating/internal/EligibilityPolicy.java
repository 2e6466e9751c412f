package vn.dancham.rating.internal;

import vn.dancham.scoring.ScoringProperties;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether one new answer counts: the eligibility rules of docs/scoring.md ("Threat model and eligibility rules") as
 * one pure function over the facts the recorder loaded. Every rule is written against someone who would bend a
 * score by phone (a prankster, a rival, an officer's friend, a member of staff) and returns its reason and the
 * answers it grouped, so HR can see why an answer was held.
 *
 * <p>Facts hold only live, counted answers of other callers or earlier calls: held answers are never evidence
 * (a flood that was held cannot shield an officer by pulling a later genuine answer into its cluster), and answers
 * HR cleared for their caller and dossier are left out of the pattern rules.
 */
final class EligibilityPolicy {

    /** A caller's identity class (docs/scoring.md "Caller identity"). */
    enum Identity {
        VERIFIED, KNOWN, UNVERIFIED, WITHHELD;

        /** Tied to the dossier by neither the applicant's number nor knowledge of it. */
        boolean anonymous() {
            return this == UNVERIFIED || this == WITHHELD;
        }
    }

    /** The rule that held an answer; stored as {@code rating.flag_reason}. */
    enum Rule {
        /** The caller number's counted answers today reached the daily cap. */
        DAILY_CAP,
        /** The dossier already has its share of answers from callers not tied to it. */
        DOSSIER_CALLERS,
        /** This caller (not the applicant) already rated another dossier of the same officer recently. */
        CALLER_OFFICER,
        /** The officer already has their share of anonymous callers this month. */
        OFFICER_ANONYMOUS,
        /** A low answer from a caller tied to the dossier by nothing but its receipt number: HR reads it first. */
        ANONYMOUS_LOW,
        /** One number rating many different dossiers within a short window. */
        BURST,
        /** Low answers about one officer from different callers not proven to be the applicant, close together. */
        LOW_CLUSTER
    }

    /**
     * The new answer as the rules see it.
     *
     * @param caller     the normalised caller number, null when withheld (all withheld callers are one caller to
     *                   these rules: without a number nobody can tell two of them apart)
     * @param officerIds the officers the answer is attributed to (several for a timeliness answer), maybe none
     * @param cleared    HR marked an earlier answer of this caller about this dossier valid
     * @param corroborated the dossier's own record bears the answer out: a timeliness answer attributed to stages
     *                   that did overrun their due time
     */
    record Answer(Identity identity, String caller, Long dossierId, List<Long> officerIds, String criterion,
                  int value, Instant at, boolean cleared, boolean corroborated) {

        Answer {
            officerIds = List.copyOf(officerIds);
        }

        Answer(Identity identity, String caller, Long dossierId, List<Long> officerIds, String criterion, int value,
               Instant at, boolean cleared) {
            this(identity, caller, dossierId, officerIds, criterion, value, at, cleared, false);
        }

        /** The key that tells callers apart: the number, or one key for every withheld caller. */
        String callerKey() {
            return caller != null ? caller : "WITHHELD";
        }
    }

    /**
     * A counted answer given earlier, as evidence.
     *
     * @param cleared HR marked this caller's answers about this dossier valid: it fills the limits, it counts, but
     *                it is no evidence of a pattern
     */
    record Prior(long ratingId, Identity identity, String caller, Long dossierId, int value, Instant at,
                 boolean cleared) {

        String callerKey() {
            return caller != null ? caller : "WITHHELD";
        }
    }

    /**
     * What the recorder loaded for one answer. Every list holds counted answers only, the new answer excluded and so
     * are the answers it supersedes (the same caller's earlier answer to the same question about the same dossier).
     *
     * @param callerCountedToday answers of this caller number counted today (0 for a withheld caller)
     * @param dossierAnswers     answers about the same dossier from other callers
     * @param officerAnswers     answers about any of the answer's officers within the longer of the caller–officer
     *                           and cluster windows, each once, from callers who are not the applicant (any
     *                           identity but VERIFIED): at least those {@link #weighsOfficerAnswer} keeps; others
     *                           may be there and weigh nothing
     * @param callerAnswers      this caller number's answers within the burst window (empty when withheld)
     */
    record Facts(int callerCountedToday, List<Prior> dossierAnswers, List<Prior> officerAnswers,
                 List<Prior> callerAnswers) {

        Facts {
            dossierAnswers = List.copyOf(dossierAnswers);
            officerAnswers = List.copyOf(officerAnswers);
            callerAnswers = List.copyOf(callerAnswers);
        }
    }

    /**
     * @param rule     null when the answer counts
     * @param evidence the other answers the rule grouped with it (shown to HR)
     * @param alsoHold counted answers the rule takes out with it (a burst, a cluster)
     */
    record Decision(Rule rule, List<Long> evidence, List<Long> alsoHold) {

        static final Decision COUNT = new Decision(null, List.of(), List.of());

        boolean counts() {
            return rule == null;
        }

        static Decision hold(Rule rule, List<Long> evidence) {
            return new Decision(rule, List.copyOf(evidence), List.of());
        }
    }

    private final ScoringProperties.AntiGaming limits;

    EligibilityPolicy(ScoringProperties.AntiGaming limits) {
        this.limits = limits;
    }

    /**
     * Whether any rule can weigh an earlier answer about one of the new answer's officers ({@link Facts#officerAnswers}):
     * an anonymous caller's (the officer's share of anonymous callers), a low one (the cluster), or one given by the
     * new answer's own caller (the caller–officer limit). No rule weighs another known caller's good answer. The loaders
     * read only these (migration V265): a busy officer's month of good answers from callers who knew the applicant's
     * digits was read again for every answer about the officer, so the rating writer's work grew with it. Leaving
     * the others out changes no decision ({@code EligibilityPolicyTest}).
     */
    static boolean weighsOfficerAnswer(Prior p, String callerKey, ScoringProperties.AntiGaming limits) {
        return p.identity().anonymous() || p.value() <= limits.lowClusterMaxValue() || p.callerKey().equals(callerKey);
    }

    Decision decide(Answer a, Facts f) {
        // A prankster with one number: a day's worth of answers, whatever they are about.
        if (a.caller() != null && f.callerCountedToday() >= limits.dailyCap()) {
            return Decision.hold(Rule.DAILY_CAP, List.of());
        }
        if (a.identity() != Identity.VERIFIED && a.dossierId() != null) {
            Decision d = dossierCallers(a, f);
            if (!d.counts()) {
                return d;
            }
        }
        if (a.identity() != Identity.VERIFIED && !a.officerIds().isEmpty()) {
            Decision d = callerOfficer(a, f);
            if (!d.counts()) {
                return d;
            }
            if (a.identity().anonymous()) {
                d = officerAnonymous(a, f);
                if (!d.counts()) {
                    return d;
                }
            }
        }
        // Receipt numbers are printed in sequence: a caller who could not give the applicant's phone digits has shown
        // nothing more than one, and a low answer about an officer is the one that can cost them their post. HR reads
        // it before it counts (a genuine one is released, and the release sticks) unless the dossier's own record
        // bears it out (its stages did run late).
        if (a.identity().anonymous() && !a.cleared() && !a.corroborated() && !a.officerIds().isEmpty()
                && a.value() <= limits.anonymousLowMaxValue()) {
            return Decision.hold(Rule.ANONYMOUS_LOW, List.of());
        }
        if (!a.cleared() && a.caller() != null) {
            Decision d = burst(a, f);
            if (!d.counts()) {
                return d;
            }
        }
        if (!a.cleared() && a.identity() != Identity.VERIFIED && !a.officerIds().isEmpty()
                && a.value() <= limits.lowClusterMaxValue()) {
            return lowCluster(a, f);
        }
        return Decision.COUNT;
    }

    /**
     * A rival or a crowd of pranksters can all type one receipt number: only so many callers who are not tied to the
     * dossier count for it (anonymous ones and knowledgeable ones separately), the first to call keeping the place.
     */
    private Decision dossierCallers(Answer a, Facts f) {
        boolean anonymous = a.identity().anonymous();
        int limit = anonymous ? limits.dossierAnonymousCallers() : limits.dossierKnownCallers();
        Set<String> others = new HashSet<>();
        List<Long> evidence = new ArrayList<>();
        for (Prior p : f.dossierAnswers()) {
            if (p.identity().anonymous() == anonymous && p.identity() != Identity.VERIFIED
                    && !p.callerKey().equals(a.callerKey())) {
                others.add(p.callerKey());
                evidence.add(p.ratingId());
            }
        }
        return others.size() >= limit ? Decision.hold(Rule.DOSSIER_CALLERS, evidence) : Decision.COUNT;
    }

    /**
     * One number rating dossier after dossier of the same officer (a rival, or a friend lifting them): a caller who
     * is not the applicant counts for so many of one officer's dossiers within the window. The applicant is exempt:
     * they can only rate dossiers that are theirs.
     */
    private Decision callerOfficer(Answer a, Facts f) {
        int limit = a.identity() == Identity.KNOWN ? limits.knownCallerOfficerDossiers()
                : limits.callerOfficerDossiers();
        Instant from = a.at().minus(limits.callerOfficerWindow());
        Set<Long> dossiers = new HashSet<>();
        List<Long> evidence = new ArrayList<>();
        for (Prior p : f.officerAnswers()) {
            if (p.at().isAfter(from) && p.callerKey().equals(a.callerKey())
                    && !Objects.equals(p.dossierId(), a.dossierId())) {
                dossiers.add(p.dossierId());
                evidence.add(p.ratingId());
            }
        }
        return dossiers.size() >= limit ? Decision.hold(Rule.CALLER_OFFICER, evidence) : Decision.COUNT;
    }

    /**
     * Many numbers (or no number at all) against one officer: answers from callers tied to no dossier are worth
     * little each, and only so many such callers (each once per dossier) count for one officer within the window.
     */
    private Decision officerAnonymous(Answer a, Facts f) {
        Instant from = a.at().minus(limits.callerOfficerWindow());
        Set<String> callers = new HashSet<>();
        List<Long> evidence = new ArrayList<>();
        for (Prior p : f.officerAnswers()) {
            if (p.identity().anonymous() && p.at().isAfter(from) && !sameCallerAndDossier(p, a)) {
                // A caller's answers about one dossier (attitude and timeliness may both reach the officer) are
                // one voice.
                callers.add(p.callerKey() + "/" + p.dossierId());
                evidence.add(p.ratingId());
            }
        }
        return callers.size() >= limits.officerAnonymousCallers()
                ? Decision.hold(Rule.OFFICER_ANONYMOUS, evidence) : Decision.COUNT;
    }

    private static boolean sameCallerAndDossier(Prior p, Answer a) {
        return p.callerKey().equals(a.callerKey()) && Objects.equals(p.dossierId(), a.dossierId());
    }

    /**
     * One number rating many different dossiers in a short time. Counted on dossiers, not on officers: one honest
     * timeliness answer is attributed to every officer who held the dossier and must not look like a burst.
     */
    private Decision burst(Answer a, Facts f) {
        Instant from = a.at().minus(limits.burstWindow());
        Set<Long> dossiers = new HashSet<>();
        List<Long> inWindow = new ArrayList<>();
        for (Prior p : f.callerAnswers()) {
            if (p.at().isAfter(from) && !p.at().isAfter(a.at())) {
                inWindow.add(p.ratingId());
                if (p.dossierId() != null) {
                    dossiers.add(p.dossierId());
                }
            }
        }
        if (a.dossierId() != null) {
            dossiers.add(a.dossierId());
        }
        return dossiers.size() >= limits.burstDistinctDossiers()
                ? new Decision(Rule.BURST, inWindow, inWindow) : Decision.COUNT;
    }

    /**
     * Low answers about one officer from several callers who are not the applicant, close together: the shape of a
     * rival's campaign with borrowed phones, whatever values they mix. The newcomer is held for review with the
     * earlier ones as evidence; the earlier ones stay counted, so nobody can use the rule to take a genuine answer
     * out of a score by sending a low one after it. A genuine newcomer is released by HR, and the applicant's own
     * answers are never held by it.
     */
    private Decision lowCluster(Answer a, Facts f) {
        Instant from = a.at().minus(limits.lowClusterWindow());
        Set<String> voices = new HashSet<>();
        List<Long> cluster = new ArrayList<>();
        for (Prior p : f.officerAnswers()) {
            if (!p.cleared() && p.value() <= limits.lowClusterMaxValue() && p.at().isAfter(from)
                    && !p.at().isAfter(a.at()) && !sameCallerAndDossier(p, a)) {
                voices.add(p.callerKey() + "/" + p.dossierId());
                cluster.add(p.ratingId());
            }
        }
        return voices.size() + 1 >= limits.lowClusterCount()
                ? Decision.hold(Rule.LOW_CLUSTER, cluster) : Decision.COUNT;
    }
}
