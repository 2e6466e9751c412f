package vn.dancham.organisation;

/** A civil servant working in one office. */
public record Officer(long id, long officeId, String code, String fullName, String position, String phone,
                      boolean active) {
}
