package vn.dancham.responsiveness.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.responsiveness.ResponsivenessReport;
import vn.dancham.responsiveness.ResponsivenessReport.Calls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rings and alerts counted per leader and level and per district. */
class TallyTest {

    static final Instant T = Instant.parse("2026-11-23T02:00:00Z");

    static Tally.Ring ring(long call, int level, String name, String phone, String status) {
        return new Tally.Ring(call, 5L, "huyện Gio Linh", level, name, phone, status, false);
    }

    @Test
    void aLevelRungTogetherIsOneCallForTheDistrictAndOneForEachPerson() {
        var report = Tally.of(List.of(
                ring(1, 1, "Hoa", "+841", "NOANSWER"),
                ring(1, 2, "Bình", "+842", "ANSWER"),
                ring(1, 2, "Cường", "+843", "ANSWER"),
                ring(2, 1, "Hoa", "+841", "CANCEL")), List.of());
        assertThat(report.districts()).singleElement().satisfies(d ->
                assertThat(d.calls()).isEqualTo(new Calls(3, 1, 1, 1)));
        assertThat(report.leaders()).extracting(ResponsivenessReport.Leader::name, ResponsivenessReport.Leader::calls)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Hoa", new Calls(2, 0, 1, 1)),
                        org.assertj.core.groups.Tuple.tuple("Bình", new Calls(1, 1, 0, 0)),
                        org.assertj.core.groups.Tuple.tuple("Cường", new Calls(1, 1, 0, 0)));
        assertThat(report.districts().getFirst().calls().answeredPercent()).hasValueSatisfying(p ->
                assertThat(p).isEqualByComparingTo("50.0"));
    }

    @Test
    void anAlertCountsAsAcknowledgedOnlyForTheLeaderWhoReplied() {
        var report = Tally.of(List.of(), List.of(
                new Tally.Alert(10, 5L, "huyện Gio Linh", 1, "Hoa", "+841", T, "+841", T.plusSeconds(240)),
                new Tally.Alert(11, 5L, "huyện Gio Linh", 1, "Hoa", "+841", T, "+842", T.plusSeconds(900)),
                new Tally.Alert(11, 5L, "huyện Gio Linh", 2, "Bình", "+842", T.plusSeconds(300), "+842",
                        T.plusSeconds(900)),
                new Tally.Alert(12, 5L, "huyện Gio Linh", 1, "Hoa", "+841", T, null, null)));
        var hoa = report.leaders().stream().filter(l -> l.name().equals("Hoa")).findFirst().orElseThrow();
        assertThat(hoa.alerts().sent()).isEqualTo(3);
        assertThat(hoa.alerts().acknowledged()).isEqualTo(1);
        assertThat(hoa.alerts().acknowledgedByOthers()).isEqualTo(1);
        assertThat(hoa.alerts().times().median()).isEqualTo(Duration.ofMinutes(4));
        var binh = report.leaders().stream().filter(l -> l.name().equals("Bình")).findFirst().orElseThrow();
        // Bình's time runs from the alert that reached Bình, not from the first one to anybody.
        assertThat(binh.alerts().times().max()).isEqualTo(Duration.ofMinutes(10));
        assertThat(report.districts().getFirst().alerts().sent()).isEqualTo(4);
        assertThat(new ResponsivenessReport.Leader("Hoa", "+84913000001", 1, 5L, "huyện Gio Linh", Calls.NONE,
                hoa.alerts()).maskedPhone()).isEqualTo("*********001");
    }
}
