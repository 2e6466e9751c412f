package vn.dancham.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code dancham.feedback.*}: the public feedback page {@code /gop-y}.
 *
 * @param attachmentsDirectory where attached files are kept (default {@code data/attachments}, beside the database's
 *                             data directory and never under the web root); created on first use
 * @param maxTotalBytes        all files of one feedback together (default 10 MB)
 * @param maxFiles             files in one feedback (default 5)
 * @param window               the window the two limits below count in (default 1 day)
 * @param perPhone             feedback from one confirmed phone within {@code window} (default 3)
 * @param perClient            feedback from one client address within {@code window} (default 10)
 * @param postsPerClient       form posts (with or without success) one client may make in 10 minutes, counted in
 *                             this node's memory (default 30): uploads cost disk and time even when refused
 * @param alertCron            when the daily "not yet reviewed" reminder for complaint handlers is made (default
 *                             07:00 every day, in {@code dancham.web.zone})
 */
@ConfigurationProperties("dancham.feedback")
public record FeedbackProperties(
        @DefaultValue("data/attachments") String attachmentsDirectory,
        @DefaultValue("10485760") long maxTotalBytes,
        @DefaultValue("5") int maxFiles,
        @DefaultValue("1d") Duration window,
        @DefaultValue("3") int perPhone,
        @DefaultValue("10") int perClient,
        @DefaultValue("30") int postsPerClient,
        @DefaultValue("0 0 7 * * ?") String alertCron) {

    public FeedbackProperties {
        if (maxTotalBytes < 1 || maxFiles < 0 || perPhone < 1 || perClient < 1 || postsPerClient < 1
                || !window.isPositive()) {
            throw new IllegalArgumentException("dancham.feedback limits must be positive");
        }
    }
}
