package vn.dancham.admin.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.PeriodWords;
import vn.dancham.scoring.ScoringSetting;
import vn.dancham.text.StoredText;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words for the codes the application stores (enum names, actions, kinds, periods, durations), from the message
 * bundles in the reader's language. Templates call it as {@code ${@labels.of('audit.action', e.action())}}; a code
 * with no message shows as a neutral "khác" ("other"), never as the code itself, so a code added later cannot leak
 * onto a page in programmer's English.
 */
@Component("labels")
public class Labels {

    private final MessageSource messages;

    public Labels(MessageSource messages) {
        this.messages = messages;
    }

    /** The message {@code prefix.code}, or "other" in the reader's language when there is none. */
    public String of(String prefix, Object code) {
        if (code == null) {
            return "";
        }
        String name = code instanceof Enum<?> e ? e.name() : code.toString();
        return messages.getMessage(prefix + "." + name, null,
                messages.getMessage("label.unknown", null, "?", LocaleContextHolder.getLocale()),
                LocaleContextHolder.getLocale());
    }

    /** A period as people say it: "tháng 11/2026", "quý 4/2026", "năm 2026", "30 ngày đến 20/11/2026". */
    public String period(Period period) {
        return period == null ? "" : stored(PeriodWords.of(period));
    }

    /**
     * Text the application stored as a message code and arguments (an incident's title or summary, a timeline entry,
     * an audit detail), in the reader's language; nested codes (a reason, a period) become words too, and a code with
     * no message shows as "other", never as itself. Rows written before texts were stored as codes have only their
     * words: {@code old} is shown then, as {@link #text(String)} shows it.
     */
    public String stored(StoredText text, String old) {
        if (text == null) {
            return text(old);
        }
        Locale locale = LocaleContextHolder.getLocale();
        String unknown = messages.getMessage("label.unknown", null, "?", locale);
        return text.render((code, args) -> messages.getMessage(code, args, unknown, locale));
    }

    /** {@link #stored(StoredText, String)} for a text that has no older form. */
    public String stored(StoredText text) {
        return stored(text, null);
    }

    private static final Pattern STORED_CODES = Pattern.compile(
            "(?<![\\d/.-])(\\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))(?![\\d-])|\\(rating (\\d+)\\)");

    /**
     * Free text the escalation and rating modules stored in Vietnamese but with machine tokens in it (a month as
     * "2026-11", a quarter as "2026-Q4", "(rating 1309)"): the same text with those tokens in words. The stored
     * text is kept as written (it is evidence); only its display changes.
     */
    public String text(String stored) {
        if (stored == null) {
            return "";
        }
        var locale = LocaleContextHolder.getLocale();
        Matcher m = STORED_CODES.matcher(stored);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String words;
            if (m.group(4) != null) {
                words = messages.getMessage("label.ratingNo", new Object[]{m.group(4)}, locale);
            } else if (m.group(2) != null) {
                words = messages.getMessage("label.period.month", new Object[]{Integer.parseInt(m.group(2)), m.group(1)}, locale);
            } else {
                words = messages.getMessage("label.period.quarter", new Object[]{Integer.parseInt(m.group(3)), m.group(1)}, locale);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(words));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * What an audit entry is about: its kind in words and, for a scoring setting, a rating question or an escalation
     * policy, its name as the settings page writes it instead of its key.
     */
    public String auditTarget(String type, String id) {
        if (type == null) {
            return "";
        }
        String about = id == null ? "" : id;
        if ("SETTING".equals(type) && id != null) {
            for (ScoringSetting setting : ScoringSetting.values()) {
                if (setting.property().equals(id)) {
                    about = messages.getMessage("admin.settings.scoring." + setting.name(), null, id,
                            LocaleContextHolder.getLocale());
                }
            }
        }
        if ("RATING_QUESTION".equals(type) && id != null) {
            about = messages.getMessage("scores.criterion." + id, null, id, LocaleContextHolder.getLocale());
        }
        if ("ESCALATION_POLICY".equals(type) && id != null) {
            about = messages.getMessage("incidents.severity." + id, null, id, LocaleContextHolder.getLocale());
        }
        return (of("audit.target", type) + " " + about).strip();
    }

    private static final Pattern DAILY_CRON = Pattern.compile("0 (\\d{1,2}) (\\d{1,2}) \\* \\* [*?]");

    /**
     * A configured value for the read-only settings list: durations, yes/no, choices and a daily schedule in words;
     * other values (numbers, zone, URL) as they are.
     */
    public String value(Object value) {
        Locale locale = LocaleContextHolder.getLocale();
        return switch (value) {
            case null -> "–";
            case Duration d -> duration(d);
            case Boolean b -> messages.getMessage(b ? "common.yes" : "common.no", null, locale);
            case Enum<?> e -> of("config.value", e);
            case java.util.Collection<?> c -> String.join(", ", c.stream().map(this::value).toList());
            case String text when DAILY_CRON.matcher(text).matches() -> {
                Matcher m = DAILY_CRON.matcher(text);
                m.matches();
                yield messages.getMessage("label.daily", new Object[]{
                        "%02d:%02d".formatted(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)))}, locale);
            }
            case BigDecimal d -> d.toPlainString().replace(".", "en".equals(locale.getLanguage()) ? "." : ",");
            case Double d -> value(BigDecimal.valueOf(d));
            default -> value.toString();
        };
    }

    /** A duration in whole units: "1 giờ", "15 phút", "30 ngày". */
    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.toSeconds();
        String unit;
        long amount;
        if (seconds != 0 && seconds % 86400 == 0) {
            unit = "days";
            amount = seconds / 86400;
        } else if (seconds != 0 && seconds % 3600 == 0) {
            unit = "hours";
            amount = seconds / 3600;
        } else if (seconds % 60 == 0) {
            unit = "minutes";
            amount = seconds / 60;
        } else {
            unit = "seconds";
            amount = seconds;
        }
        return messages.getMessage("label.duration." + unit, new Object[]{amount}, LocaleContextHolder.getLocale());
    }
}
