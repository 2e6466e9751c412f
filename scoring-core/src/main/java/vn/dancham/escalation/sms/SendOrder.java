package vn.dancham.escalation.sms;

import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.List;

/**
 * Which due SMS go first when more are due than a dispatch round takes. The outbox sends one message after another,
 * each waiting for the provider's answer, so a backlog of bulk messages — a morning's invitations to rate, a
 * first start's demo data — was a queue every alert stood in: the kill -9 drill of issue 16
 * (bench/results/2026-12-02-1200-kill9-small.md) saw 186 invitations, due earlier, go out before the alerts of
 * harassment reports made after them, and citizens' replies wait for minutes. So messages go by rank, then by when
 * they were due:
 * <ol>
 *   <li>someone is waiting now, a leader or a person at a form: an alert, the withdrawal of one, a one-time code;</li>
 *   <li>a citizen waits for an answer: the reply to their SMS, an apology for a late dossier;</li>
 *   <li>nobody waits: invitations to rate, the leaders' morning digest.</li>
 * </ol>
 * Within a rank, the oldest due first, as before. A rank never starves the next for long: the first two are made one
 * at a time by people and events, the third in batches.
 */
final class SendOrder {

    /** The purposes of each rank, first rank first; any purpose not named goes last. */
    static final List<List<String>> RANKS = List.of(
            List.of("ALERT", "WITHDRAWAL", "ONE_TIME_CODE"),
            List.of("CITIZEN_REPLY", "APOLOGY"),
            List.of("INVITATION", "DIGEST"));

    private SendOrder() {
    }

    /** The rank of a purpose: 0 first. */
    static int rank(String purpose) {
        for (int i = 0; i < RANKS.size(); i++) {
            if (RANKS.get(i).contains(purpose)) {
                return i;
            }
        }
        return RANKS.size();
    }

    /** {@link #rank} as SQL over the purpose column, to order the claim by. */
    static Field<Integer> rank(Field<String> purpose) {
        org.jooq.CaseConditionStep<Integer> out = null;
        for (int i = 0; i < RANKS.size(); i++) {
            for (String p : RANKS.get(i)) {
                out = out == null ? DSL.when(purpose.eq(p), DSL.inline(i)) : out.when(purpose.eq(p), DSL.inline(i));
            }
        }
        return out.otherwise(DSL.inline(RANKS.size()));
    }
}
