package vn.dancham.citizen.internal;

import org.jooq.DSLContext;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.CitizenTemplate;
import vn.dancham.citizen.CitizenTemplate.Placeholder;
import vn.dancham.citizen.CitizenTemplates;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.sms.SmsReference;
import vn.dancham.escalation.sms.SmsText;
import vn.dancham.rating.Ratings;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static vn.dancham.db.jooq.Tables.CITIZEN_SMS_TEMPLATE;

/** Templates in citizen_sms_template, the built-in default for a kind without a row. */
final class JooqCitizenTemplates implements CitizenTemplates {

    /** The outbox row whose reference the samples carry (" #1AAO"), as the alert samples do. */
    private static final long SAMPLE_ROW = 60_000;

    private final DSLContext dsl;
    private final CitizenProperties.Sms properties;
    private final EscalationProperties escalation;
    private final Ratings ratings;
    private final Clock clock;

    JooqCitizenTemplates(DSLContext dsl, CitizenProperties.Sms properties, EscalationProperties escalation,
                         Ratings ratings, Clock clock) {
        this.dsl = dsl;
        this.properties = properties;
        this.escalation = escalation;
        this.ratings = ratings;
        this.clock = clock;
    }

    @Override
    public List<Template> all() {
        Map<String, String> stored = stored();
        List<Template> out = new ArrayList<>();
        for (CitizenTemplate kind : CitizenTemplate.values()) {
            String text = stored.getOrDefault(kind.name(), kind.defaultText());
            SmsText sample = sample(text);
            out.add(new Template(kind, text, stored.containsKey(kind.name()), sample.body(), sample.encoding().name(),
                    sample.segments()));
        }
        return out;
    }

    @Override
    public String text(CitizenTemplate kind) {
        return stored().getOrDefault(kind.name(), kind.defaultText());
    }

    @Override
    public Update update(CitizenTemplate kind, String text, String actor) {
        String before = text(kind);
        String after = text == null || text.isBlank() ? kind.defaultText() : text.strip().replaceAll("\\s+", " ");
        List<Problem> problems = new ArrayList<>();
        String detail = null;
        if (after.length() > MAX_LENGTH) {
            problems.add(Problem.TOO_LONG);
            detail = Integer.toString(after.length());
        }
        List<String> unknown = Texts.unknownPlaceholders(kind, after);
        if (!unknown.isEmpty()) {
            problems.add(Problem.UNKNOWN_PLACEHOLDER);
            detail = String.join(" ", unknown);
        }
        if (problems.isEmpty()) {
            int segments = sample(after).segments();
            if (segments > properties.maxSegments()) {
                problems.add(Problem.TOO_MANY_SEGMENTS);
                detail = Integer.toString(segments);
            }
        }
        if (!problems.isEmpty()) {
            return new Update(problems, detail, before, before);
        }
        if (after.equals(kind.defaultText())) {
            dsl.deleteFrom(CITIZEN_SMS_TEMPLATE).where(CITIZEN_SMS_TEMPLATE.KIND.eq(kind.name())).execute();
        } else {
            dsl.insertInto(CITIZEN_SMS_TEMPLATE)
                    .set(CITIZEN_SMS_TEMPLATE.KIND, kind.name())
                    .set(CITIZEN_SMS_TEMPLATE.BODY, after)
                    .set(CITIZEN_SMS_TEMPLATE.UPDATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                    .set(CITIZEN_SMS_TEMPLATE.UPDATED_BY, actor)
                    .onConflict(CITIZEN_SMS_TEMPLATE.KIND).doUpdate()
                    .set(CITIZEN_SMS_TEMPLATE.BODY, after)
                    .set(CITIZEN_SMS_TEMPLATE.UPDATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                    .set(CITIZEN_SMS_TEMPLATE.UPDATED_BY, actor)
                    .execute();
        }
        return new Update(List.of(), null, before, after);
    }

    private Map<String, String> stored() {
        return dsl.select(CITIZEN_SMS_TEMPLATE.KIND, CITIZEN_SMS_TEMPLATE.BODY).from(CITIZEN_SMS_TEMPLATE)
                .fetchMap(CITIZEN_SMS_TEMPLATE.KIND, CITIZEN_SMS_TEMPLATE.BODY);
    }

    /** Long real values (what a site sees), stamped with a four-character reference as the outbox stamps it. */
    private SmsText sample(String text) {
        Map<Placeholder, String> v = sampleValues(properties.hotlineNumber(), Questions.labels(
                ratings.activeQuestions()), ratings.activeQuestions().size());
        SmsText rendered = Texts.render(text, v, properties.maxSegments(), escalation.stripDiacritics());
        return SmsText.of(SmsReference.stamp(rendered.body(), SAMPLE_ROW));
    }

    static Map<Placeholder, String> sampleValues(String hotline, String questions, int count) {
        Map<Placeholder, String> v = new EnumMap<>(Placeholder.class);
        v.put(Placeholder.OFFICE, "Bộ phận Một cửa UBND huyện Hướng Hóa");
        v.put(Placeholder.RECEIPT, "2026112200123");
        v.put(Placeholder.NEW_DATE, "05/12/2026");
        v.put(Placeholder.HOTLINE, hotline);
        v.put(Placeholder.QUESTIONS, questions);
        v.put(Placeholder.QUESTION_COUNT, Integer.toString(count));
        v.put(Placeholder.STATUS, "đang ở bước Thẩm định, Phòng Tài nguyên và Môi trường huyện Hướng Hóa, 12 ngày; "
                + "hẹn trả 28/11/2026, đã trễ 3 ngày");
        return v;
    }
}
