package vn.dancham.rating.internal;

import org.jooq.DSLContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.rating.RatingQuestions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static vn.dancham.db.jooq.Tables.RATING_QUESTION;

/** {@link RatingQuestions} over {@code rating_question}. */
public final class JooqRatingQuestions implements RatingQuestions {

    private final DSLContext dsl;
    private final TransactionTemplate tx;

    public JooqRatingQuestions(DSLContext dsl, PlatformTransactionManager transactions) {
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public List<Question> all() {
        return dsl.selectFrom(RATING_QUESTION).orderBy(RATING_QUESTION.SEQ, RATING_QUESTION.ID)
                .fetch(r -> new Question(r.getId(), r.getCode(), r.getCriterion(), r.getSeq(), r.getPromptVi(),
                        r.getPromptEn(), r.getActive()));
    }

    @Override
    public Update update(List<Edit> edits) {
        return tx.execute(status -> {
            Map<Long, Question> current = new LinkedHashMap<>();
            dsl.selectFrom(RATING_QUESTION).orderBy(RATING_QUESTION.SEQ, RATING_QUESTION.ID).forUpdate()
                    .forEach(r -> current.put(r.getId(), new Question(r.getId(), r.getCode(), r.getCriterion(),
                            r.getSeq(), r.getPromptVi(), r.getPromptEn(), r.getActive())));
            List<FieldProblem> problems = validate(current.keySet(), edits);
            if (!problems.isEmpty()) {
                return new Update(problems, List.of());
            }
            List<Change> changes = new ArrayList<>();
            for (Edit e : edits) {
                Question before = current.get(e.id());
                Question after = new Question(e.id(), before.code(), before.criterion(),
                        Integer.parseInt(e.seq().strip()), e.promptVi().strip(), e.promptEn().strip(), e.active());
                if (!after.equals(before)) {
                    dsl.update(RATING_QUESTION)
                            .set(RATING_QUESTION.SEQ, after.seq())
                            .set(RATING_QUESTION.PROMPT_VI, after.promptVi())
                            .set(RATING_QUESTION.PROMPT_EN, after.promptEn())
                            .set(RATING_QUESTION.ACTIVE, after.active())
                            .where(RATING_QUESTION.ID.eq(e.id()))
                            .execute();
                    changes.add(new Change(before, after));
                }
            }
            return new Update(List.of(), changes);
        });
    }

    /** Pure: the problems of a complete set of edits of the questions {@code ids}. */
    static List<FieldProblem> validate(Set<Long> ids, List<Edit> edits) {
        Set<Long> seen = new HashSet<>();
        for (Edit e : edits) {
            if (!ids.contains(e.id()) || !seen.add(e.id())) {
                throw new IllegalArgumentException("Unknown or repeated rating question " + e.id());
            }
        }
        if (!seen.equals(ids)) {
            throw new IllegalArgumentException("Every rating question must be submitted; missing "
                    + ids.stream().filter(id -> !seen.contains(id)).toList());
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<Integer, Long> bySeq = new HashMap<>();
        for (Edit e : edits) {
            String seq = e.seq() == null ? "" : e.seq().strip();
            if (seq.isEmpty()) {
                problems.add(new FieldProblem(e.id(), Field.SEQ, Problem.REQUIRED));
            } else if (!seq.matches("[0-9]{1,4}")) {
                problems.add(new FieldProblem(e.id(), Field.SEQ, Problem.NOT_WHOLE));
            } else if (Integer.parseInt(seq) < 1 || Integer.parseInt(seq) > MAX_SEQ) {
                problems.add(new FieldProblem(e.id(), Field.SEQ, Problem.OUT_OF_RANGE));
            } else {
                Long other = bySeq.putIfAbsent(Integer.parseInt(seq), e.id());
                if (other != null) {
                    problems.add(new FieldProblem(e.id(), Field.SEQ, Problem.DUPLICATE_ORDER));
                }
            }
            prompt(e.id(), Field.PROMPT_VI, e.promptVi(), problems);
            prompt(e.id(), Field.PROMPT_EN, e.promptEn(), problems);
        }
        if (edits.stream().noneMatch(Edit::active)) {
            edits.forEach(e -> problems.add(new FieldProblem(e.id(), Field.ACTIVE, Problem.NONE_ACTIVE)));
        }
        return problems;
    }

    private static void prompt(long id, Field field, String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(id, field, Problem.REQUIRED));
        } else if (text.strip().length() > MAX_PROMPT) {
            problems.add(new FieldProblem(id, field, Problem.TOO_LONG));
        }
    }
}
