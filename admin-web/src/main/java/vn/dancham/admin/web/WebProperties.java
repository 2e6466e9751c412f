package vn.dancham.admin.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * {@code dancham.web.*}: the admin web.
 *
 * @param maxFailedLogins         wrong passwords in a row before an account is locked (default 5)
 * @param lockDuration            how long a locked account stays locked (default 15 minutes)
 * @param zone                    the time zone dates are shown in (default Asia/Ho_Chi_Minh)
 * @param createFirstAdministrator on a start with an empty user table, create {@code admin} with a random password
 *                                printed once to the log (default true)
 * @param maxImportBytes          the largest CSV file accepted by the import (default 5 MB)
 */
@ConfigurationProperties("dancham.web")
public record WebProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone,
        @DefaultValue("true") boolean createFirstAdministrator,
        @DefaultValue("5242880") long maxImportBytes) {
}
