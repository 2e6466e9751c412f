package vn.dancham.scoring;

/**
 * Which league table: officers within an office or an administrative unit, offices within a unit, the units
 * directly under a unit (e.g. districts within the province), or every field of procedures.
 *
 * @param parentId the office (OFFICERS_IN_OFFICE) or administrative unit; ignored for FIELDS
 */
public record LeaderboardTable(Kind kind, Long parentId) {

    public enum Kind { OFFICERS_IN_OFFICE, OFFICERS_IN_UNIT, OFFICES_IN_UNIT, UNITS_IN_UNIT, FIELDS }

    public LeaderboardTable {
        if (kind == null || (kind != Kind.FIELDS && parentId == null)) {
            throw new IllegalArgumentException("A league table needs a kind and, except FIELDS, a parent");
        }
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
