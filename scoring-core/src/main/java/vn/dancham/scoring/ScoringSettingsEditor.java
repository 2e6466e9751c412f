package vn.dancham.scoring;

import java.util.List;
import java.util.Map;

/** Administrators change the {@link ScoringSetting}s; each change is stored and applies at once on this node. */
public interface ScoringSettingsEditor {

    /** One setting as the settings page shows it. */
    record Value(ScoringSetting setting, String configured, String stored, String effective) {

        public boolean overridden() {
            return stored != null;
        }
    }

    /** One stored change, for the audit log. */
    record Change(ScoringSetting setting, String before, String after) {
    }

    /** Nothing stored when {@code problems} is not empty; otherwise the settings whose value changed. */
    record Update(Map<ScoringSetting, ScoringSetting.Problem> problems, List<Change> changes) {

        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    List<Value> values();

    /**
     * Validates the complete proposed set ({@link ScoringSetting#validate}); when it passes, stores the values that
     * differ from what is in force. A value equal to the configured one removes the stored row (back to the
     * configuration). Runs in the caller's transaction when there is one, so an audit entry can share it.
     */
    Update update(Map<ScoringSetting, String> proposed, String actor);
}
