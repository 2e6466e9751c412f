package vn.dancham.escalation.roster;

import vn.dancham.escalation.DutyContact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * The fallback rule of the roster as a pure function: per level, the nearest place (office, then its units up to
 * the province) with someone on duty wins.
 */
final class RosterResolution {

    /** A place a shift can cover, nearest first in the chain; {@code rank} 0 = the office itself. */
    record Place(int rank, String name) {
    }

    /** A shift active at the time asked about. */
    record ActiveShift(long id, int placeRank, int level, String personName, String phone, Instant startsAt) {
    }

    private RosterResolution() {
    }

    static List<DutyContact> resolve(List<Place> chain, List<ActiveShift> active) {
        TreeMap<Integer, List<ActiveShift>> byLevel = new TreeMap<>();
        for (ActiveShift s : active) {
            byLevel.computeIfAbsent(s.level(), l -> new ArrayList<>()).add(s);
        }
        List<DutyContact> contacts = new ArrayList<>();
        byLevel.forEach((level, shifts) -> {
            int nearest = shifts.stream().mapToInt(ActiveShift::placeRank).min().orElseThrow();
            String unitName = chain.stream().filter(p -> p.rank() == nearest).map(Place::name).findFirst()
                    .orElse("");
            // The same person on two overlapping shifts is one contact.
            LinkedHashMap<String, ActiveShift> byPhone = new LinkedHashMap<>();
            shifts.stream()
                    .filter(s -> s.placeRank() == nearest)
                    .sorted(Comparator.comparing(ActiveShift::startsAt).thenComparing(ActiveShift::id))
                    .forEach(s -> byPhone.putIfAbsent(s.phone(), s));
            byPhone.values().forEach(s ->
                    contacts.add(new DutyContact(s.personName(), s.phone(), level, unitName)));
        });
        return List.copyOf(contacts);
    }
}
