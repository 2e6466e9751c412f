package vn.dancham.citizen;

import java.util.List;

/** The citizen SMS texts as administrators edit them at /admin/settings. */
public interface CitizenTemplates {

    /**
     * One template: its text, whether an administrator changed it, and a sample filled with long real values as it
     * would leave with the current settings (encoding GSM7 or UCS2, segments).
     */
    record Template(CitizenTemplate kind, String text, boolean changed, String sample, String encoding,
                    int segments) {
    }

    enum Problem {
        /** Longer than {@link #MAX_LENGTH} characters. */
        TOO_LONG,
        /** A {…} the template does not know. */
        UNKNOWN_PLACEHOLDER,
        /** The sample needs more segments than {@code dancham.citizen.sms.max-segments}. */
        TOO_MANY_SEGMENTS
    }

    int MAX_LENGTH = 480;

    /** Nothing stored when {@code problems} is not empty. {@code detail}: the unknown placeholders or the segments. */
    record Update(List<Problem> problems, String detail, String before, String after) {

        public boolean accepted() {
            return problems.isEmpty();
        }

        public boolean changed() {
            return accepted() && !after.equals(before);
        }
    }

    List<Template> all();

    /** {@code text} blank restores the default. */
    Update update(CitizenTemplate kind, String text, String actor);

    /** The text in use for {@code kind}. */
    String text(CitizenTemplate kind);
}
