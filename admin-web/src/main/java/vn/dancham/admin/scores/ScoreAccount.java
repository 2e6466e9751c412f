package vn.dancham.admin.scores;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import vn.dancham.admin.web.Formats;
import vn.dancham.admin.web.Labels;
import vn.dancham.scoring.Measure;
import vn.dancham.scoring.ScoreExplanation;
import vn.dancham.scoring.ScoreFigures;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The score explanation as HR reads it aloud or prints it: whole sentences from the message bundles (which answers,
 * how much each weighs, why the interval is as wide as it is, what pulling towards the average did), with the
 * numbers in the reader's locale. It is built from the structured figures, not from scoring-core's formula lines,
 * which are written for engineers.
 */
@Component
class ScoreAccount {

    private final MessageSource messages;
    private final Formats fmt;
    private final Labels labels;
    private final ScoringSettings settings;

    ScoreAccount(MessageSource messages, Formats fmt, Labels labels, ScoringSettings settings) {
        this.messages = messages;
        this.fmt = fmt;
        this.labels = labels;
        this.settings = settings;
    }

    /** One paragraph per part of the score, in reading order. */
    List<String> explain(ScoreExplanation x) {
        ScoringProperties.Model model = settings.current().model();
        ScoringProperties.IdentityWeights weights = settings.current().identity();
        ScoreFigures f = x.score().figures();
        Measure s = f.satisfaction();
        List<String> out = new ArrayList<>();
        String period = labels.period(x.score().period());
        if (!s.present()) {
            out.add(say("account.noAnswers", period));
        } else {
            out.add(say("account.answers", s.sampleSize(), period, one(s.value()),
                    f.verified(), number(weights.verified()), f.known(), number(weights.known()),
                    f.unverified(), number(weights.unverified()), f.withheld(), number(weights.withheld())));
            out.add(say("account.points"));
            if (!model.halfLife().isZero()) {
                out.add(say("account.decay", model.halfLife().toDays()));
            }
            if (s.low() != null && s.high() != null) {
                out.add(say("account.interval", s.sampleSize(), one(s.effectiveSampleSize()),
                        one(s.low()), one(s.high()), fmt.number(model.confidence().movePointRight(2), 0)));
                // The interval takes the call as the unit (docs/scoring.md §5): say so in words, no formula.
                out.add(say("account.intervalCalls"));
            }
            if (f.shrunkSatisfaction() != null) {
                out.add(say("account.shrinkage", number(model.priorWeight()), one(f.shrunkSatisfaction()),
                        one(s.value())));
            } else {
                out.add(say("account.notRanked"));
            }
        }
        Measure onTime = f.onTime();
        out.add(onTime.present() ? say("account.onTime", one(onTime.value()), onTime.sampleSize())
                : say("account.onTimeNone"));
        out.add(say("account.complaints", one(f.complaintComponent()), number(model.complaintPenalty()),
                f.complaints(), number(model.harassmentPenalty()), f.harassmentReports()));
        out.add(f.composite().present()
                ? say("account.composite", one(f.composite().value()), number(model.satisfactionWeight()),
                number(model.onTimeWeight()), number(model.complaintWeight()))
                : say("account.compositeNone"));
        return out;
    }

    private String one(BigDecimal value) {
        return fmt.number(value, 1);
    }

    /** A setting as typed (0,8 · 10 · 0,25), without trailing zeros. */
    private String number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return fmt.number(plain, Math.max(0, plain.scale()));
    }

    private String say(String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            // Already formatted for the locale: no MessageFormat grouping or decimal point of its own.
            texts[i] = args[i] instanceof Number n ? fmt.number(n) : args[i];
        }
        return messages.getMessage(key, texts, LocaleContextHolder.getLocale());
    }
}
