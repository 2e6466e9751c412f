package vn.dancham.organisation;

/**
 * A department or one-stop counter (bộ phận một cửa).
 *
 * @param dialCode the short numeric code a caller types to choose this office
 */
public record Office(long id, long unitId, String code, String dialCode, String name, Kind kind, boolean active) {

    public enum Kind { ONE_STOP, DEPARTMENT, COMMUNE }
}
