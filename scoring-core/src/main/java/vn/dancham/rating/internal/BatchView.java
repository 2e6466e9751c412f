package vn.dancham.rating.internal;

import vn.dancham.rating.internal.EligibilityPolicy.Facts;
import vn.dancham.rating.internal.EligibilityPolicy.Identity;
import vn.dancham.rating.internal.EligibilityPolicy.Prior;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ratings a writer's batch can meet, read once for the whole batch and then kept up to date in memory as the
 * batch's answers are decided in keep order (issue 16): the batch's callers' answers around its days, its dossiers'
 * counted answers and the held ones of its callers (and of withheld callers), its offices' answers without a dossier
 * around its days, and its officers' counted answers within the longer officer window. Every question
 * {@link RatingRecorder} used to ask the database per answer (the answers a new one supersedes,
 * {@link EligibilityFacts}'s facts) is answered here with the same predicate over rows that include every row the
 * per-answer statement could have returned, so each answer is decided exactly as answer-by-answer.
 * Plain Java: no database, so the equivalence is testable on its own.
 */
final class BatchView {

    /** One rating as the rules see it; status and hold are what the batch has made of it so far. */
    static final class Row {
        final long id;
        final Long callId;
        final String caller;
        final Long dossierId;
        final long officeId;
        final long questionId;
        final Identity identity;
        final int value;
        final Instant at;
        final Set<Long> officers;
        final boolean cleared;
        /** The status the batch found in the database; null for a rating of this batch. */
        final String loadedStatus;
        String status;
        Long supersededBy;
        String flagReason;
        List<Long> flagEvidence;

        Row(long id, Long callId, String caller, Long dossierId, long officeId, long questionId, Identity identity,
            int value, Instant at, Set<Long> officers, boolean cleared, String loadedStatus, String status) {
            this.id = id;
            this.callId = callId;
            this.caller = caller;
            this.dossierId = dossierId;
            this.officeId = officeId;
            this.questionId = questionId;
            this.identity = identity;
            this.value = value;
            this.at = at;
            this.officers = Set.copyOf(officers);
            this.cleared = cleared;
            this.loadedStatus = loadedStatus;
            this.status = status;
        }

        boolean counted() {
            return "COUNTED".equals(status);
        }

        boolean live() {
            return "COUNTED".equals(status) || "FLAGGED".equals(status);
        }

        /** Changed by the batch (a rating read from the database, not one the batch inserts). */
        boolean changed() {
            return loadedStatus != null && !loadedStatus.equals(status);
        }

        Prior prior(boolean clearedAsEvidence) {
            return new Prior(id, identity, caller, dossierId, value, at, clearedAsEvidence);
        }
    }

    private static final Comparator<Row> BY_ID = Comparator.comparingLong(r -> r.id);

    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private final Map<String, List<Row>> byCaller = new HashMap<>();
    private final Map<Long, List<Row>> byDossier = new HashMap<>();
    private final Map<Long, List<Row>> byOffice = new HashMap<>();
    private final Map<Long, List<Row>> byOfficer = new HashMap<>();
    /** caller + "/" + dossier cleared by HR, for the batch's callers. */
    private final Set<String> clearances;

    BatchView(List<Row> loaded, Set<String> clearances) {
        this.clearances = new HashSet<>(clearances);
        loaded.forEach(this::add);
    }

    static String clearanceKey(String caller, long dossierId) {
        return caller + "/" + dossierId;
    }

    boolean cleared(String caller, Long dossierId) {
        return caller != null && dossierId != null && clearances.contains(clearanceKey(caller, dossierId));
    }

    void add(Row r) {
        if (rows.putIfAbsent(r.id, r) != null) {
            return;
        }
        if (r.caller != null) {
            byCaller.computeIfAbsent(r.caller, k -> new ArrayList<>()).add(r);
        }
        if (r.dossierId != null) {
            byDossier.computeIfAbsent(r.dossierId, k -> new ArrayList<>()).add(r);
        } else {
            byOffice.computeIfAbsent(r.officeId, k -> new ArrayList<>()).add(r);
        }
        for (Long officer : r.officers) {
            byOfficer.computeIfAbsent(officer, k -> new ArrayList<>()).add(r);
        }
    }

    Row row(long id) {
        return rows.get(id);
    }

    /** Ratings in the view (read, and added by the batch so far). */
    int size() {
        return rows.size();
    }

    /** The ratings read from the database that the batch changed, in id order. */
    List<Row> changed() {
        return rows.values().stream().filter(Row::changed).sorted(BY_ID).toList();
    }

    /**
     * RatingRecorder's previousAnswers: the same caller's live answers to the same question about the same thing
     * (for a dossier, ever; for an office without a dossier, the same local day [dayStart, dayEnd)).
     */
    List<Long> previous(Long callId, Long dossierId, long officeId, long questionId, String caller,
                        Instant dayStart, Instant dayEnd) {
        List<Row> candidates;
        if (dossierId != null) {
            candidates = byDossier.getOrDefault(dossierId, List.of());
        } else if (caller != null || callId != null) {
            candidates = byOffice.getOrDefault(officeId, List.of());
        } else {
            return List.of();
        }
        List<Long> found = new ArrayList<>();
        for (Row r : candidates) {
            if (!r.live() || r.questionId != questionId) {
                continue;
            }
            if (dossierId == null && (r.dossierId != null || r.officeId != officeId || r.at.isBefore(dayStart)
                    || !r.at.isBefore(dayEnd))) {
                continue;
            }
            boolean sameCaller = caller != null ? caller.equals(r.caller)
                    : dossierId != null ? r.caller == null
                    : r.caller == null && Objects.equals(r.callId, callId);
            if (sameCaller) {
                found.add(r.id);
            }
        }
        found.sort(null);
        return found;
    }

    /** EligibilityFacts.load over the batch's view: the same five branches, with the same predicates. */
    EligibilityFacts.Loaded facts(String caller, Long dossierId, List<Long> officerIds, Instant at,
                                  Instant dayStart, Instant dayEnd, Duration burstWindow, Duration officerWindow) {
        int today = 0;
        boolean cleared = false;
        List<Row> callerAnswers = new ArrayList<>();
        List<Row> dossierAnswers = new ArrayList<>();
        List<Row> officerAnswers = new ArrayList<>();
        if (caller != null) {
            Instant burstFrom = at.minus(burstWindow);
            for (Row r : byCaller.getOrDefault(caller, List.of())) {
                if (!r.counted()) {
                    continue;
                }
                if (!r.at.isBefore(dayStart) && r.at.isBefore(dayEnd)) {
                    today++;
                }
                if (r.at.isAfter(burstFrom) && !r.at.isAfter(at) && !r.cleared) {
                    callerAnswers.add(r);
                }
            }
            cleared = dossierId != null && cleared(caller, dossierId);
        }
        if (dossierId != null) {
            for (Row r : byDossier.getOrDefault(dossierId, List.of())) {
                if (r.counted()) {
                    dossierAnswers.add(r);
                }
            }
        }
        if (!officerIds.isEmpty()) {
            Instant from = at.minus(officerWindow);
            Set<Long> seen = new HashSet<>();
            for (Long officer : officerIds) {
                for (Row r : byOfficer.getOrDefault(officer, List.of())) {
                    if (r.counted() && r.identity != Identity.VERIFIED && r.at.isAfter(from) && !r.at.isAfter(at)
                            && seen.add(r.id)) {
                        officerAnswers.add(r);
                    }
                }
            }
        }
        return new EligibilityFacts.Loaded(new Facts(today, priors(dossierAnswers, false),
                priors(officerAnswers, true), priors(callerAnswers, false)), cleared);
    }

    private static List<Prior> priors(List<Row> rows, boolean withClearance) {
        return rows.stream().sorted(BY_ID).map(r -> r.prior(withClearance && r.cleared)).toList();
    }
}
