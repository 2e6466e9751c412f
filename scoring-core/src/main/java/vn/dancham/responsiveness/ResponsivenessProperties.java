package vn.dancham.responsiveness;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/**
 * Settings of the responsiveness watch ({@code dancham.responsiveness.*}).
 *
 * @param minAnsweredShare a district whose leaders answer a smaller share of the calls counted in a week raises a
 *                         concern (default 0.80)
 * @param minCalls         fewer counted calls than this in a week raise nothing: one missed call of two is bad luck,
 *                         not a pattern an HR officer can defend acting on (default 5)
 * @param zone             whose Monday starts the week (default Asia/Ho_Chi_Minh)
 * @param checkHour        local hour on Monday when last week is checked (default 7)
 */
@ConfigurationProperties("dancham.responsiveness")
public record ResponsivenessProperties(
        @DefaultValue("0.80") BigDecimal minAnsweredShare,
        @DefaultValue("5") int minCalls,
        @DefaultValue("Asia/Ho_Chi_Minh") String zone,
        @DefaultValue("7") int checkHour) {

    public ResponsivenessProperties {
        if (minAnsweredShare.signum() < 0 || minAnsweredShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("dancham.responsiveness.min-answered-share must be between 0 and 1");
        }
        if (minCalls < 1) {
            throw new IllegalArgumentException("dancham.responsiveness.min-calls must be at least 1");
        }
        if (checkHour < 0 || checkHour > 23) {
            throw new IllegalArgumentException("dancham.responsiveness.check-hour must be 0–23");
        }
    }

    public static ResponsivenessProperties defaults() {
        return new ResponsivenessProperties(new BigDecimal("0.80"), 5, "Asia/Ho_Chi_Minh", 7);
    }
}
