package vn.dancham.admin.demo;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DossierHistoryTest {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final DemoCatalog.ProcedureSpec LAND = new DemoCatalog.ProcedureSpec("DD-01", "DD", "Đăng ký biến động", 10);

    static DossierHistory history(long seed, double specialistSpeed) {
        Map<String, DossierHistory.Staff> staff = Map.of(
                "ONE", new DossierHistory.Staff("ONE", List.of("C1", "C2"), List.of(), "H1"),
                "DEPT", new DossierHistory.Staff("DEPT", List.of(), List.of("S1"), "H2"));
        Map<String, Double> speed = new HashMap<>(Map.of("C1", 0.4, "C2", 0.4, "H2", 0.5));
        speed.put("S1", specialistSpeed);
        return new DossierHistory(seed, NOW, staff, speed);
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        List<DossierHistory.Dossier> a = IntStream.range(0, 50).mapToObj(i -> history(7, 0.6).next(i, LAND, "ONE", "DEPT", 200)).toList();
        List<DossierHistory.Dossier> b = IntStream.range(0, 50).mapToObj(i -> history(7, 0.6).next(i, LAND, "ONE", "DEPT", 200)).toList();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void stagesFollowOneAnotherAndNeverEndInTheFuture() {
        DossierHistory history = history(11, 0.8);
        for (int i = 0; i < 500; i++) {
            DossierHistory.Dossier d = history.next(i, LAND, "ONE", "DEPT", 200);
            Instant previousEnd = d.receivedAt();
            for (DossierHistory.Stage s : d.stages()) {
                assertThat(s.startedAt()).isEqualTo(previousEnd);
                assertThat(s.dueAt()).isAfter(s.startedAt());
                if (s.finishedAt() != null) {
                    assertThat(s.finishedAt()).isAfter(s.startedAt()).isBeforeOrEqualTo(NOW);
                }
                previousEnd = s.finishedAt();
            }
            assertThat(d.returnedAt() == null).isEqualTo(d.stages().getLast().finishedAt() == null);
            assertThat(d.dueAt()).isAfter(d.receivedAt());
            assertThat(d.receiptNo()).matches("20[0-9]{2}[0-9]{6}");
        }
    }

    @Test
    void aSlowSpecialistMakesDossiersLateAtTheExaminationStage() {
        DossierHistory history = history(3, 1.5);
        long lateAtExamination = IntStream.range(0, 300)
                .mapToObj(i -> history.next(i, LAND, "ONE", "DEPT", 200))
                .filter(DossierHistory.Dossier::returnedLate)
                .filter(d -> d.stages().get(1).finishedAt().isAfter(d.stages().get(1).dueAt()))
                .count();
        assertThat(lateAtExamination).isGreaterThan(100);
    }

    @Test
    void legalTimeCountsWorkingDaysOnly() {
        Instant friday = ZonedDateTime.of(2026, 11, 20, 9, 0, 0, 0, DossierHistory.ZONE).toInstant();
        ZonedDateTime due = ZonedDateTime.ofInstant(DossierHistory.addWorkingDays(friday, 1), DossierHistory.ZONE);
        assertThat(due.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(due.getDayOfMonth()).isEqualTo(23);
    }
}
