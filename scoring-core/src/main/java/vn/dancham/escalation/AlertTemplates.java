package vn.dancham.escalation;

import java.util.List;

/**
 * Every SMS template filled with long but real sample values, as it would leave with the current settings: what
 * the settings page shows so an administrator sees what keeping diacritics costs.
 */
public interface AlertTemplates {

    /** One template: its name, the sample text as sent, its encoding (GSM7 or UCS2) and segment count. */
    record Sample(String name, String body, String encoding, int segments) {
    }

    List<Sample> samples();
}
