package vn.dancham.responsiveness;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The hotline's own responsiveness over a period: per district, and per leader and level, the calls put through to
 * the leaders on duty and the SMS alerts sent to them (docs/escalation.md, "Responsiveness").
 */
public record ResponsivenessReport(List<District> districts, List<Leader> leaders) {

    public ResponsivenessReport {
        districts = List.copyOf(districts);
        leaders = List.copyOf(leaders);
    }

    /**
     * Calls put through: every ring of a level (a level's people are rung together).
     *
     * @param notCounted rings that count as neither answered nor missed (the caller hung up first; see
     *                   {@code LeaderAnswerPolicy})
     */
    public record Calls(int rung, int answered, int missed, int notCounted) {

        public static final Calls NONE = new Calls(0, 0, 0, 0);

        /** Rings that count: answered plus missed. */
        public int counted() {
            return answered + missed;
        }

        /** The answered share in percent (one decimal), absent when no ring counts. */
        public Optional<BigDecimal> answeredPercent() {
            return counted() == 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(answered * 100L)
                    .divide(BigDecimal.valueOf(counted()), 1, RoundingMode.HALF_UP));
        }

        public Calls plus(Calls o) {
            return new Calls(rung + o.rung, answered + o.answered, missed + o.missed, notCounted + o.notCounted);
        }
    }

    /**
     * SMS alerts that reached a leader (Twilio took them) and whether that leader took the incident by replying.
     *
     * @param acknowledged          taken by this leader's reply
     * @param acknowledgedByOthers  taken by someone else (another leader's reply or the web) before this one did
     * @param times                 time from the first alert reaching this leader to their reply
     */
    public record Alerts(int sent, int acknowledged, int acknowledgedByOthers, AckTimes times) {
    }

    /**
     * Times to acknowledge, over {@code count} replies: the median, the 90th percentile (nearest rank: 9 in 10
     * replies came at least this fast) and the slowest. All null when there is no reply.
     */
    public record AckTimes(int count, Duration median, Duration p90, Duration max) {

        public static final AckTimes NONE = new AckTimes(0, null, null, null);
    }

    /** One district: the rings of its leaders (by the office the call was about) and the alerts of its incidents. */
    public record District(Long unitId, String unitName, Calls calls, Alerts alerts) {
    }

    /** One leader at one level in one district (the same person at two levels is two rows). */
    public record Leader(String name, String phone, int level, Long unitId, String unitName, Calls calls,
                         Alerts alerts) {

        /** The phone with all but its last three digits hidden, as the incident pages show it. */
        public String maskedPhone() {
            return phone.length() <= 3 ? phone : "*".repeat(phone.length() - 3) + phone.substring(phone.length() - 3);
        }
    }
}
