package vn.dancham.admin.scores;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.Labels;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.organisation.Office;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoreExplanation;
import vn.dancham.scoring.Scores;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.TrendPoint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores with their sample size and interval: league tables with filters, an office's page (its officers) and an
 * officer's page (trend chart, breakdown by question, the explanation, dossier stages handled and on-time rate).
 */
@Controller
class ScoresController {

    private final ScoreRows rows;
    private final Scores scores;
    private final Organisation organisation;
    private final WebProperties properties;
    private final JsonMapper json;
    private final Labels labels;
    private final ScoreAccount account;
    private final vn.dancham.rating.RatingReview reviews;

    private final vn.dancham.admin.citizen.ResponseRates responseRates;

    ScoresController(ScoreRows rows, Scores scores, Organisation organisation, WebProperties properties, JsonMapper json,
                     Labels labels, ScoreAccount account, vn.dancham.rating.RatingReview reviews,
                     vn.dancham.admin.citizen.ResponseRates responseRates) {
        this.reviews = reviews;
        this.responseRates = responseRates;
        this.labels = labels;
        this.account = account;
        this.rows = rows;
        this.scores = scores;
        this.organisation = organisation;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/scores")
    String list(@RequestParam(required = false) String view, @RequestParam(required = false) Long unit,
                @RequestParam(required = false) Long office, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String period, @AuthenticationPrincipal WebUser me, Model model) {
        Period p = period(period);
        ScoreRows.Table table = rows.table(view, unit, office, kind, p, me);
        model.addAttribute("table", table);
        model.addAttribute("dossiers", table.dossiers());
        model.addAttribute("view", table.view().name());
        model.addAttribute("unit", table.unitId());
        model.addAttribute("office", table.officeId());
        model.addAttribute("views", ScoreRows.View.values());
        // Kept in the URL (and the export links) whatever the view, so switching views keeps the choice.
        model.addAttribute("kind", table.officerKind() == null ? kind : table.officerKind().name());
        model.addAttribute("kinds", Officer.Kind.values());
        var rates = responseRates.of(p, me);
        model.addAttribute("responseRates", rates);
        model.addAttribute("responseTotal", vn.dancham.admin.citizen.ResponseRates.total(rates));
        filters(model, p, me);
        return "scores/list";
    }

    @GetMapping("/offices/{id}")
    String office(@PathVariable long id, @RequestParam(required = false) String period,
                  @AuthenticationPrincipal WebUser me, Model model) {
        Office office = organisation.office(id).filter(o -> me.maySeeOffice(o.id()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Period p = period(period);
        model.addAttribute("office", office);
        model.addAttribute("district", organisation.districtOf(id).orElse(null));
        model.addAttribute("score", scores.score(Subject.office(id), p));
        model.addAttribute("dossier", scores.dossierTimeliness(Subject.office(id), p));
        model.addAttribute("board", scores.leaderboard(LeaderboardTable.officersInOffice(id), p));
        model.addAttribute("trendJson", trendJson(scores.trend(Subject.office(id), Period.Kind.MONTH, 12)));
        filters(model, p, me);
        return "scores/office";
    }

    @GetMapping("/officers/{id}")
    String officer(@PathVariable long id, @RequestParam(required = false) String period,
                   @AuthenticationPrincipal WebUser me, Model model) {
        Officer officer = organisation.officer(id).filter(o -> rows.maySeeOfficer(me, o))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Period p = period(period);
        ScoreExplanation explanation = scores.explain(Subject.officer(id), p, 50);
        model.addAttribute("officer", officer);
        model.addAttribute("office", organisation.office(officer.officeId()).orElse(null));
        model.addAttribute("x", explanation);
        model.addAttribute("f", explanation.score().figures());
        model.addAttribute("account", account.explain(explanation));
        model.addAttribute("trendJson", trendJson(scores.trend(Subject.officer(id), Period.Kind.MONTH, 12)));
        model.addAttribute("heldAlso", heldAlsoAgainst(explanation, officer));
        long lateStages = explanation.stages().stream().filter(ScoreExplanation.StageItem::late).count();
        model.addAttribute("lateStages", lateStages);
        filters(model, p, me);
        return "scores/officer";
    }

    /**
     * For each held-out answer, the other officers (or offices) it would count against once HR accepts it: HR
     * deciding from this officer's page decides for them too.
     */
    private Map<Long, String> heldAlsoAgainst(ScoreExplanation explanation, Officer officer) {
        if (explanation.heldOut().isEmpty()) {
            return Map.of();
        }
        java.util.Set<Long> held = explanation.heldOut().stream().map(ScoreExplanation.RatingItem::ratingId)
                .collect(java.util.stream.Collectors.toSet());
        Map<Long, String> also = new LinkedHashMap<>();
        for (vn.dancham.rating.FlaggedRating f : reviews.flagged(officer.officeId(), 1000)) {
            if (!held.contains(f.ratingId())) {
                continue;
            }
            String others = f.targets().stream().filter(t -> t.officerId() == null || t.officerId() != officer.id())
                    .map(t -> t.officerName() != null ? t.officerName() : t.officeName()).distinct()
                    .collect(java.util.stream.Collectors.joining(", "));
            if (!others.isEmpty()) {
                also.put(f.ratingId(), others);
            }
        }
        return also;
    }

    private Period period(String code) {
        return PeriodChoice.parse(code, LocalDate.now(properties.zone()));
    }

    private void filters(Model model, Period p, WebUser me) {
        model.addAttribute("period", p);
        model.addAttribute("periodCode", PeriodChoice.code(p));
        model.addAttribute("periods", PeriodChoice.options(LocalDate.now(properties.zone())));
        if (me.limitedToOffice()) {
            // An office head chooses among what they may open: their office and its district, nothing else.
            var own = me.officeId() == null ? java.util.Optional.<vn.dancham.organisation.Office>empty()
                    : organisation.office(me.officeId());
            model.addAttribute("offices", own.stream().toList());
            var district = own.flatMap(o -> organisation.districtOf(o.id()));
            model.addAttribute("districts", rows.districts().stream()
                    .filter(d -> district.isPresent() && d.id() == district.get().id()).toList());
        } else {
            model.addAttribute("districts", rows.districts());
            model.addAttribute("offices", organisation.offices());
        }
    }

    /** The trend as JSON for the chart (read by /js/charts.js from a data attribute; no inline script). */
    private String trendJson(List<TrendPoint> points) {
        List<Map<String, Object>> out = points.stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", labels.period(t.period()));
            m.put("satisfaction", num(t.satisfaction()));
            m.put("low", num(t.satisfactionLow()));
            m.put("high", num(t.satisfactionHigh()));
            m.put("onTime", num(t.onTime()));
            m.put("ratings", t.ratings());
            return m;
        }).toList();
        return json.writeValueAsString(out);
    }

    private static Double num(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
