package vn.dancham.citizen.internal;

import vn.dancham.dossier.DossierStatus;
import vn.dancham.text.Bundle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The facts the hotline reads about a dossier, as the words of an SMS (Vietnamese, from
 * {@code vn/dancham/citizen/sms.properties}; stripped when sent). Pure.
 */
final class StatusWords {

    private static final Bundle WORDS = Bundle.of("vn.dancham.citizen.sms");

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private StatusWords() {
    }

    static String of(DossierStatus s, Instant now, ZoneId zone) {
        String due = DATE.format(s.dueAt().atZone(zone));
        if (s.returned()) {
            String day = DATE.format(s.returnedAt().atZone(zone));
            return s.late() ? WORDS.text("status.returnedLate", day) : WORDS.text("status.returned", day);
        }
        if ("WITHDRAWN".equals(s.status())) {
            return WORDS.text("status.withdrawn");
        }
        String where = s.currentStage().map(c -> WORDS.text("status.atStage", c.stageName(), c.officeName(),
                Duration.between(c.startedAt(), now).toDays())).orElse(WORDS.text("status.received"));
        return s.late() ? WORDS.text("status.dueLate", where, due, daysLate(s.dueAt(), now))
                : WORDS.text("status.due", where, due);
    }

    /** Whole days late, rounded up: one hour late is a day late to the citizen waiting. */
    static long daysLate(Instant due, Instant now) {
        Duration late = Duration.between(due, now);
        long days = late.toDays();
        return late.minusDays(days).isPositive() ? days + 1 : days;
    }
}
