package vn.dancham.ivr.hotline;

import vn.dancham.dossier.DossierStatus;
import vn.dancham.ivr.prompts.Clip;
import vn.dancham.ivr.prompts.NameAudio;
import vn.dancham.ivr.prompts.Prompt;
import vn.dancham.ivr.prompts.VietnameseNumbers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** What a caller hears about a dossier: where it is, since when, when it is due, on time or late. */
final class StatusSpeech {

    private final NameAudio names;
    private final ZoneId zone;

    StatusSpeech(NameAudio names, ZoneId zone) {
        this.names = names;
        this.zone = zone;
    }

    List<Clip> describe(DossierStatus d, Instant now) {
        List<Clip> out = new ArrayList<>();
        if (d.returned()) {
            add(out, Prompt.DOSSIER, Prompt.STATUS_RETURNED);
            date(out, d.returnedAt());
            add(out, d.returnedAt().isAfter(d.dueAt()) ? Prompt.STATUS_RETURNED_LATE : Prompt.STATUS_RETURNED_ON_TIME);
            return out;
        }
        switch (d.status()) {
            case "WITHDRAWN" -> {
                add(out, Prompt.STATUS_WITHDRAWN);
                return out;
            }
            case "READY" -> {
                add(out, Prompt.STATUS_READY);
                return out;
            }
            case "SUPPLEMENT_REQUESTED" -> {
                add(out, Prompt.STATUS_SUPPLEMENT);
                return out;
            }
            default -> { }
        }
        Instant since;
        if (d.currentStage().isPresent()) {
            DossierStatus.CurrentStage stage = d.currentStage().get();
            add(out, Prompt.DOSSIER, Prompt.STATUS_AT);
            out.add(names.clip(stage.officeName()).orElse(Prompt.UNNAMED_OFFICE.clip()));
            add(out, Prompt.STATUS_STAGE);
            out.add(names.clip(stage.stageName()).orElse(Prompt.UNNAMED_STAGE.clip()));
            since = stage.startedAt();
        } else {
            add(out, Prompt.DOSSIER, Prompt.STATUS_RECEIVED);
            out.add(names.clip(d.receivingOfficeName()).orElse(Prompt.UNNAMED_OFFICE.clip()));
            since = d.receivedAt();
        }
        long days = days(since, now);
        if (days == 0) {
            add(out, Prompt.STATUS_TODAY);
        } else {
            add(out, Prompt.STATUS_SINCE);
            number(out, days);
            add(out, Prompt.STATUS_DAYS_AGO);
        }
        add(out, Prompt.STATUS_DUE);
        date(out, d.dueAt());
        if (now.isAfter(d.dueAt())) {
            add(out, Prompt.STATUS_LATE);
            number(out, Math.max(1, days(d.dueAt(), now)));
            add(out, Prompt.STATUS_DAYS);
        } else {
            add(out, Prompt.STATUS_ON_TIME);
        }
        return out;
    }

    /** Calendar days between two instants in the hotline's zone (what a citizen counts). */
    long days(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        LocalDate a = from.atZone(zone).toLocalDate();
        LocalDate b = to.atZone(zone).toLocalDate();
        return ChronoUnit.DAYS.between(a, b);
    }

    private void date(List<Clip> out, Instant at) {
        VietnameseNumbers.date(at.atZone(zone).toLocalDate()).forEach(p -> out.add(p.clip()));
    }

    private static void number(List<Clip> out, long n) {
        VietnameseNumbers.number(n).forEach(p -> out.add(p.clip()));
    }

    private static void add(List<Clip> out, Prompt... prompts) {
        for (Prompt p : prompts) {
            out.add(p.clip());
        }
    }

}
