package vn.dancham.organisation;

/** A province, district or commune. */
public record AdminUnit(long id, Long parentId, Level level, String code, String name) {

    public enum Level { PROVINCE, DISTRICT, COMMUNE }
}
