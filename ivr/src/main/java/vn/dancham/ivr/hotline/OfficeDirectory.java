package vn.dancham.ivr.hotline;

import java.util.Optional;

/** Finds the office a caller means by the short code printed at its counter. */
public interface OfficeDirectory {

    Optional<Office> byDialCode(String dialCode);

    /** An office as the hotline needs it. */
    record Office(long id, String name) {
    }
}
