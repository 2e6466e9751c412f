package vn.dancham.organisation;

/**
 * A civil servant working in one office.
 *
 * @param kind what work they do, for league tables that compare like with like: as recorded, or derived from the
 *             office (a department's officers are specialists, a one-stop or commune office's are counter staff)
 */
public record Officer(long id, long officeId, String code, String fullName, String position, String phone,
                      boolean active, Kind kind) {

    /**
     * Counter staff of the one-stop office (bộ phận một cửa) receive dossiers and return results: they get the
     * attitude answers and an almost automatic on-time rate. Specialists (chuyên viên) examine and approve: they
     * get mostly timeliness answers. Each is ranked among their own kind (docs/scoring.md § 6b).
     */
    public enum Kind { COUNTER, SPECIALIST }
}
