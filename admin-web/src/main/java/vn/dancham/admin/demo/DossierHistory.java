package vn.dancham.admin.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes a believable history of dossiers: each one received at a one-stop counter, examined and approved by a
 * specialist department, returned at the counter. Specialists have a speed of their own (a few are habitually
 * slow) so lateness lands on identifiable stages, which is what the scoring core must attribute. Plain Java and
 * deterministic for a given seed and "now".
 */
final class DossierHistory {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    record Stage(int seq, String officeCode, String officerCode, String name, Instant startedAt, Instant dueAt,
                 Instant finishedAt) {
    }

    record Dossier(String receiptNo, String procedureCode, String officeCode, String receivingOfficerCode,
                   String applicantName, String applicantPhone, Instant receivedAt, Instant dueAt,
                   Instant returnedAt, String status, List<Stage> stages) {

        boolean returnedLate() {
            return returnedAt != null && returnedAt.isAfter(dueAt);
        }
    }

    /** Who works where, as the history needs it. */
    record Staff(String officeCode, List<String> counterOfficers, List<String> specialists, String head) {
    }

    private static final double[] STAGE_SHARES = {0.10, 0.55, 0.20, 0.15};
    private static final String[] STAGE_NAMES = {"Tiếp nhận hồ sơ", "Thẩm định, xử lý", "Phê duyệt", "Trả kết quả"};

    private final Random random;
    private final Instant now;
    private final Map<String, Staff> staffByOffice;
    private final Map<String, Double> officerSpeed;

    DossierHistory(long seed, Instant now, Map<String, Staff> staffByOffice, Map<String, Double> officerSpeed) {
        this.random = new Random(seed);
        this.now = now;
        this.staffByOffice = staffByOffice;
        this.officerSpeed = officerSpeed;
    }

    /**
     * @param receivingOffice a one-stop office code
     * @param handlingOffice  the department that examines this procedure's dossiers
     * @param maxAgeDays      received up to this many days ago; 0 for today
     */
    Dossier next(int sequence, DemoCatalog.ProcedureSpec procedure, String receivingOffice, String handlingOffice,
                 int maxAgeDays) {
        // maxAgeDays 0: received in the last few hours, still at the counter.
        Instant received = maxAgeDays == 0 ? now.minus(Duration.ofMinutes(20 + random.nextInt(100)))
                : workingTime(now.minus(Duration.ofDays(random.nextInt(maxAgeDays) + 1)));
        Instant due = addWorkingDays(received, Math.max(1, procedure.legalDays()));
        Duration allowed = Duration.between(received, due);

        Staff counter = staffByOffice.get(receivingOffice);
        Staff department = staffByOffice.get(handlingOffice);
        String counterOfficer = pick(counter.counterOfficers());
        String specialist = pick(department.specialists());
        String[] offices = {receivingOffice, handlingOffice, handlingOffice, receivingOffice};
        String[] officers = {counterOfficer, specialist, department.head(), counterOfficer};

        List<Stage> stages = new ArrayList<>();
        Instant start = received;
        Instant returned = null;
        String status = "RETURNED";
        for (int i = 0; i < STAGE_SHARES.length; i++) {
            Duration planned = scale(allowed, STAGE_SHARES[i]);
            Instant stageDue = start.plus(planned);
            double factor = officerSpeed.getOrDefault(officers[i], 0.7) * (0.6 + random.nextDouble() * 0.8);
            Instant finished = start.plus(scale(planned, factor));
            if (finished.isAfter(now)) {
                stages.add(new Stage(i + 1, offices[i], officers[i], STAGE_NAMES[i], start, stageDue, null));
                status = i == 0 ? "RECEIVED" : (random.nextInt(20) == 0 ? "SUPPLEMENT_REQUESTED" : "IN_PROGRESS");
                break;
            }
            stages.add(new Stage(i + 1, offices[i], officers[i], STAGE_NAMES[i], start, stageDue, finished));
            start = finished;
            if (i == STAGE_SHARES.length - 1) {
                returned = finished;
            }
        }
        String receipt = String.format("%d%06d", ZonedDateTime.ofInstant(received, ZONE).getYear(), sequence);
        boolean female = random.nextBoolean();
        String name = personName(female);
        return new Dossier(receipt, procedure.code(), receivingOffice, counterOfficer, name, phone(), received, due,
                returned, returned != null ? "RETURNED" : status, stages);
    }

    String personName(boolean female) {
        return pick(DemoCatalog.FAMILY_NAMES) + " "
                + pick(female ? DemoCatalog.MIDDLE_NAMES_FEMALE : DemoCatalog.MIDDLE_NAMES_MALE) + " "
                + pick(female ? DemoCatalog.GIVEN_NAMES_FEMALE : DemoCatalog.GIVEN_NAMES_MALE);
    }

    String phone() {
        String[] prefixes = {"090", "091", "093", "094", "097", "098", "083", "085", "070", "077"};
        return prefixes[random.nextInt(prefixes.length)] + String.format("%07d", random.nextInt(10_000_000));
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Moves an instant into office hours (07:30–16:30) on a working day. */
    private Instant workingTime(Instant instant) {
        ZonedDateTime t = ZonedDateTime.ofInstant(instant, ZONE);
        LocalDate day = t.toLocalDate();
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        LocalTime time = LocalTime.of(7, 30).plusMinutes(random.nextInt(9 * 60));
        return day.atTime(time).atZone(ZONE).toInstant();
    }

    /** Legal processing times count working days; weekends are skipped. */
    static Instant addWorkingDays(Instant start, int days) {
        ZonedDateTime t = ZonedDateTime.ofInstant(start, ZONE);
        int added = 0;
        while (added < days) {
            t = t.plusDays(1);
            if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return t.toInstant();
    }

    private static Duration scale(Duration duration, double factor) {
        return Duration.ofSeconds(Math.max(600, Math.round(duration.toSeconds() * factor)));
    }
}
