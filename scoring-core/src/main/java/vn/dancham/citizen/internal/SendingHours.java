package vn.dancham.citizen.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/** Apologies and invitations are sent from {@code from} (inclusive) until {@code until} (exclusive), local time. */
record SendingHours(LocalTime from, LocalTime until, ZoneId zone) {

    boolean allows(Instant at) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(from) && local.isBefore(until);
    }
}
