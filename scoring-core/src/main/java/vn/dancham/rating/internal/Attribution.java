package vn.dancham.rating.internal;

import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringProperties.TimelinessTarget;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pure attribution rules: to whom one rating is attributed (docs/scoring.md "Attribution"). Plain data in, targets
 * out, so every rule is tested with hand-made dossiers.
 */
final class Attribution {

    /** The dossier as the rules see it at the moment of the rating. */
    record DossierFacts(long dossierId, String receiptNo, long receivingOfficeId, Long receivingOfficerId,
                        String applicantPhone, List<StageFacts> stages) {
    }

    record StageFacts(long stageId, int seq, long officeId, Long officerId, Instant startedAt, Instant dueAt,
                      Instant finishedAt) {

        /** Overran its own due time: finished after it, or still open after it at {@code at}. */
        boolean overran(Instant at) {
            Instant end = finishedAt != null ? finishedAt : at;
            return end.isAfter(dueAt);
        }
    }

    /** @param reason RECEIVING_OFFICER, LATE_STAGE, HANDLING_STAGE or OFFICE (as stored in rating_target) */
    record Target(long officeId, Long officerId, Long stageId, String reason) {
    }

    private final ScoringProperties.Attribution rules;

    Attribution(ScoringProperties.Attribution rules) {
        this.rules = rules;
    }

    /**
     * @param dossier the rated dossier, or null when the caller rated an office without one
     * @param officeId the rated office when there is no dossier
     */
    List<Target> targets(String criterion, DossierFacts dossier, long officeId, Instant at) {
        if (dossier == null) {
            return List.of(office(officeId));
        }
        return switch (criterion) {
            case "ATTITUDE" -> switch (rules.attitude()) {
                case RECEIVING_OFFICER -> List.of(receivingOfficer(dossier));
                case OFFICE -> List.of(office(dossier.receivingOfficeId()));
            };
            case "OVERALL" -> switch (rules.overall()) {
                case OFFICE -> List.of(office(dossier.receivingOfficeId()));
                case RECEIVING_OFFICER -> List.of(receivingOfficer(dossier));
            };
            case "TIMELINESS" -> timeliness(dossier, at, rules.timeliness(), true);
            default -> throw new IllegalArgumentException("Unknown criterion " + criterion);
        };
    }

    private List<Target> timeliness(DossierFacts dossier, Instant at, TimelinessTarget rule, boolean first) {
        List<StageFacts> started = dossier.stages().stream().filter(s -> !s.startedAt().isAfter(at)).toList();
        return switch (rule) {
            case LATE_STAGES -> {
                List<Target> late = started.stream().filter(s -> s.overran(at))
                        .map(s -> new Target(s.officeId(), s.officerId(), s.stageId(), "LATE_STAGE")).toList();
                if (!late.isEmpty()) {
                    yield late;
                }
                // Nobody overran: the on-time rule decides; it cannot point back at late stages.
                TimelinessTarget onTime = rules.timelinessOnTime();
                yield first && onTime != TimelinessTarget.LATE_STAGES
                        ? timeliness(dossier, at, onTime, false)
                        : List.of(office(dossier.receivingOfficeId()));
            }
            case HANDLING_STAGES -> started.isEmpty()
                    ? List.of(receivingOfficer(dossier))
                    : started.stream()
                    .map(s -> new Target(s.officeId(), s.officerId(), s.stageId(), "HANDLING_STAGE")).toList();
            case RECEIVING_OFFICER -> List.of(receivingOfficer(dossier));
            case OFFICE -> List.of(office(dossier.receivingOfficeId()));
        };
    }

    private static Target receivingOfficer(DossierFacts dossier) {
        return Optional.ofNullable(dossier.receivingOfficerId())
                .map(id -> new Target(dossier.receivingOfficeId(), id, null, "RECEIVING_OFFICER"))
                .orElseGet(() -> office(dossier.receivingOfficeId()));
    }

    private static Target office(long officeId) {
        return new Target(officeId, null, null, "OFFICE");
    }

    /**
     * VERIFIED when the caller's number is the applicant's phone; KNOWN when another caller (or a withheld one) typed
     * the last digits of it at the knowledge check; otherwise UNVERIFIED, or WITHHELD without a caller number.
     *
     * @param knownDigits what the caller typed at the knowledge check, null when not asked
     */
    static String identity(Optional<String> callerNumber, DossierFacts dossier, String knownDigits) {
        if (callerNumber.isPresent() && dossier != null && callerNumber.get().equals(dossier.applicantPhone())) {
            return "VERIFIED";
        }
        if (knowsApplicantPhone(dossier, knownDigits)) {
            return "KNOWN";
        }
        return callerNumber.isEmpty() ? "WITHHELD" : "UNVERIFIED";
    }

    /** Exactly the last {@link vn.dancham.rating.Ratings#KNOWN_DIGITS} digits of the applicant's phone on file. */
    static boolean knowsApplicantPhone(DossierFacts dossier, String knownDigits) {
        int n = vn.dancham.rating.Ratings.KNOWN_DIGITS;
        return dossier != null && knownDigits != null && knownDigits.length() == n
                && dossier.applicantPhone() != null && dossier.applicantPhone().length() >= n
                && dossier.applicantPhone().endsWith(knownDigits);
    }
}
