package vn.dancham.scoring;

import vn.dancham.organisation.Officer;

/**
 * Which league table: officers within an office or an administrative unit, offices within a unit, the units
 * directly under a unit (e.g. districts within the province), or every field of procedures.
 *
 * @param parentId    the office (OFFICERS_IN_OFFICE) or administrative unit; ignored for FIELDS
 * @param officerKind for officer tables, only officers of this kind (counter staff or specialists): they are
 *                    ranked, and shrunk toward the mean, among their own kind; null for every officer
 */
public record LeaderboardTable(Kind kind, Long parentId, Officer.Kind officerKind) {

    public enum Kind { OFFICERS_IN_OFFICE, OFFICERS_IN_UNIT, OFFICES_IN_UNIT, UNITS_IN_UNIT, FIELDS }

    public LeaderboardTable {
        if (kind == null || (kind != Kind.FIELDS && parentId == null)) {
            throw new IllegalArgumentException("A league table needs a kind and, except FIELDS, a parent");
        }
        if (officerKind != null && kind != Kind.OFFICERS_IN_OFFICE && kind != Kind.OFFICERS_IN_UNIT) {
            throw new IllegalArgumentException("Only officer tables are split by the kind of officer: " + kind);
        }
    }

    public LeaderboardTable(Kind kind, Long parentId) {
        this(kind, parentId, null);
    }

    /** The same table with only officers of this kind (null: all). */
    public LeaderboardTable of(Officer.Kind officers) {
        return new LeaderboardTable(kind, parentId, officers);
    }

    public static LeaderboardTable officersInOffice(long officeId) {
        return new LeaderboardTable(Kind.OFFICERS_IN_OFFICE, officeId);
    }

    public static LeaderboardTable officersInUnit(long unitId) {
        return new LeaderboardTable(Kind.OFFICERS_IN_UNIT, unitId);
    }

    public static LeaderboardTable officesInUnit(long unitId) {
        return new LeaderboardTable(Kind.OFFICES_IN_UNIT, unitId);
    }

    public static LeaderboardTable unitsInUnit(long unitId) {
        return new LeaderboardTable(Kind.UNITS_IN_UNIT, unitId);
    }

    public static LeaderboardTable fields() {
        return new LeaderboardTable(Kind.FIELDS, null);
    }

    public Subject.Type memberType() {
        return switch (kind) {
            case OFFICERS_IN_OFFICE, OFFICERS_IN_UNIT -> Subject.Type.OFFICER;
            case OFFICES_IN_UNIT -> Subject.Type.OFFICE;
            case UNITS_IN_UNIT -> Subject.Type.UNIT;
            case FIELDS -> Subject.Type.FIELD;
        };
    }
}
