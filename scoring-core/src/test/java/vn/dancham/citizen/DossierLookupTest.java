package vn.dancham.citizen;

import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.escalation.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DossierLookupTest {

    static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

    final MutableClock clock = new MutableClock(NOW);

    /** Two dossiers: one with the applicant phone 0912345678, one without a phone on file. */
    final Dossiers dossiers = new Dossiers() {
        final Map<String, DossierStatus> byReceipt = Map.of(
                "20261234", dossier("20261234", "0912345678"),
                "20265555", dossier("20265555", null));

        @Override
        public Optional<DossierStatus> status(ReceiptNumber receipt) {
            return Optional.ofNullable(byReceipt.get(receipt.digits()));
        }

        @Override
        public Optional<DossierTimeline> timeline(ReceiptNumber receipt) {
            return status(receipt).map(s -> new DossierTimeline(s, List.of(), Optional.empty(), NOW));
        }
    };

    static DossierStatus dossier(String receipt, String phone) {
        return new DossierStatus(1, new ReceiptNumber(receipt), "Cấp giấy phép xây dựng", 7, "Bộ phận một cửa", 3L,
                phone, NOW.minus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(5)), null, "IN_PROGRESS",
                Optional.empty(), false);
    }

    DossierLookup lookup(CitizenProperties properties) {
        return new DossierLookup(dossiers, properties, clock);
    }

    static CitizenProperties limits(int perClient, int failuresPerReceipt) {
        CitizenProperties d = CitizenProperties.defaults();
        return new CitizenProperties(d.codeTtl(), d.codeMaxTries(), d.codeWindow(), d.codesPerPhone(),
                d.codesPerClient(), Duration.ofMinutes(10), perClient, failuresPerReceipt, d.sms());
    }

    @Test
    void theReceiptAndTheApplicantPhonesLastFourDigitsOpenTheDossier() {
        var result = lookup(CitizenProperties.defaults()).find("2026-1234", "5678", "10.0.0.1");
        assertThat(result).isInstanceOfSatisfying(DossierLookup.Found.class, found -> {
            assertThat(found.status().receipt().digits()).isEqualTo("20261234");
            assertThat(found.digits()).isEqualTo("5678");
        });
    }

    @Test
    void wrongDigitsAnUnknownReceiptAndADossierWithoutPhoneAllGetTheSameAnswer() {
        DossierLookup lookup = lookup(CitizenProperties.defaults());
        assertThat(lookup.find("20261234", "5679", "c")).isEqualTo(new DossierLookup.NotFound());
        assertThat(lookup.find("20269999", "5678", "c")).isEqualTo(new DossierLookup.NotFound());
        assertThat(lookup.find("20265555", "0000", "c")).isEqualTo(new DossierLookup.NotFound());
    }

    @Test
    void whatCannotBeAReceiptOrFourDigitsIsNamedNotLookedUp() {
        DossierLookup lookup = lookup(CitizenProperties.defaults());
        assertThat(lookup.find("abc", "5678", "c")).isEqualTo(new DossierLookup.Invalid(true, false));
        assertThat(lookup.find("20261234", "56", "c")).isEqualTo(new DossierLookup.Invalid(false, true));
        assertThat(lookup.find("", "", "c")).isEqualTo(new DossierLookup.Invalid(true, true));
    }

    @Test
    void aClientIsThrottledAfterItsLookupsInTheWindow() {
        DossierLookup lookup = lookup(limits(3, 100));
        for (int i = 0; i < 3; i++) {
            assertThat(lookup.find("20261234", "5678", "10.0.0.1")).isInstanceOf(DossierLookup.Found.class);
        }
        assertThat(lookup.find("20261234", "5678", "10.0.0.1")).isEqualTo(new DossierLookup.Throttled());
        assertThat(lookup.find("20261234", "5678", "10.0.0.2")).isInstanceOf(DossierLookup.Found.class);
        clock.advance(Duration.ofMinutes(10));
        assertThat(lookup.find("20261234", "5678", "10.0.0.1")).isInstanceOf(DossierLookup.Found.class);
    }

    @Test
    void guessingOneReceiptsDigitsFromManyAddressesStopsAtTheReceiptsLimit() {
        DossierLookup lookup = lookup(limits(100, 4));
        for (int i = 0; i < 4; i++) {
            assertThat(lookup.find("20261234", String.format("%04d", i), "10.0.0." + i))
                    .isEqualTo(new DossierLookup.NotFound());
        }
        assertThat(lookup.find("20261234", "5678", "10.0.0.99"))
                .as("even the right digits wait: otherwise the guesser learns when they hit")
                .isEqualTo(new DossierLookup.Throttled());
        assertThat(lookup.find("20265555", "1111", "10.0.0.99")).as("other receipts are not held")
                .isEqualTo(new DossierLookup.NotFound());
        clock.advance(Duration.ofMinutes(10));
        assertThat(lookup.find("20261234", "5678", "10.0.0.99")).isInstanceOf(DossierLookup.Found.class);
    }
}
