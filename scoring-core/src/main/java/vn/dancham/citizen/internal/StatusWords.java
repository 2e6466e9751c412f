package vn.dancham.citizen.internal;

import vn.dancham.dossier.DossierStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The facts the hotline reads about a dossier, as the words of an SMS (Vietnamese; stripped when sent). Pure. */
final class StatusWords {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private StatusWords() {
    }

    static String of(DossierStatus s, Instant now, ZoneId zone) {
        String due = DATE.format(s.dueAt().atZone(zone));
        if (s.returned()) {
            return "đã trả ngày " + DATE.format(s.returnedAt().atZone(zone)) + (s.late() ? ", trễ hạn" : ", đúng hạn");
        }
        if ("WITHDRAWN".equals(s.status())) {
            return "đã rút";
        }
        String where = s.currentStage().map(c -> "đang ở bước " + c.stageName() + ", " + c.officeName() + ", "
                + Duration.between(c.startedAt(), now).toDays() + " ngày").orElse("đã tiếp nhận");
        String late = s.late() ? ", đã trễ " + daysLate(s.dueAt(), now) + " ngày" : "";
        return where + "; hẹn trả " + due + late;
    }

    /** Whole days late, rounded up: one hour late is a day late to the citizen waiting. */
    static long daysLate(Instant due, Instant now) {
        Duration late = Duration.between(due, now);
        long days = late.toDays();
        return late.minusDays(days).isPositive() ? days + 1 : days;
    }
}
