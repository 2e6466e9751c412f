package vn.dancham.citizen;

import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.Ratings;

import java.time.Clock;
import java.util.Optional;

/**
 * A citizen looking up a dossier without an account: the receipt number and the last
 * {@link Ratings#KNOWN_DIGITS} digits of the applicant's phone, so that a receipt number found on a printed form
 * is not enough to read someone else's dossier. An unknown receipt and wrong digits get the same answer (nobody
 * learns which receipt numbers exist); each client's look-ups and each receipt's wrong digits are limited.
 */
public final class DossierLookup {

    /** What the visitor gets. */
    public sealed interface Result {
    }

    /** The dossier, and the digits that opened it (the knowledge check a web rating is made with). */
    public record Found(DossierStatus status, String digits) implements Result {
    }

    /** No dossier with this receipt number and these digits (or one without an applicant phone on file). */
    public record NotFound() implements Result {
    }

    /** What was typed cannot be a receipt number or {@link Ratings#KNOWN_DIGITS} digits; nothing was looked up. */
    public record Invalid(boolean receipt, boolean digits) implements Result {
    }

    /** Too many look-ups from this client, or too many wrong digits for this receipt: try later. */
    public record Throttled() implements Result {
    }

    private final Dossiers dossiers;
    private final Throttle perClient;
    private final Throttle failuresPerReceipt;

    public DossierLookup(Dossiers dossiers, CitizenProperties properties, Clock clock) {
        this.dossiers = dossiers;
        this.perClient = new Throttle(properties.lookupsPerClient(), properties.lookupWindow(), clock);
        this.failuresPerReceipt = new Throttle(properties.failedLookupsPerReceipt(), properties.lookupWindow(), clock);
    }

    public Result find(String receiptText, String digitsText, String client) {
        if (!perClient.tryAcquire(client)) {
            return new Throttled();
        }
        ReceiptNumber receipt = ReceiptNumber.parse(receiptText);
        String digits = digitsText == null ? "" : digitsText.replaceAll("\\s", "");
        boolean digitsValid = digits.matches("[0-9]{" + Ratings.KNOWN_DIGITS + "}");
        if (receipt == null || !digitsValid) {
            return new Invalid(receipt == null, !digitsValid);
        }
        if (failuresPerReceipt.exhausted(receipt.digits())) {
            return new Throttled();
        }
        Optional<DossierStatus> status = dossiers.status(receipt);
        if (status.isPresent() && applicantPhoneEndsWith(status.get(), digits)) {
            return new Found(status.get(), digits);
        }
        failuresPerReceipt.record(receipt.digits());
        return new NotFound();
    }

    /**
     * The dossier again, for a visitor whose {@link #find} succeeded earlier with these values (kept in their
     * session, not typed again): not counted against any limit, and empty once the digits no longer match.
     */
    public Optional<DossierStatus> reopen(String receipt, String digits) {
        ReceiptNumber number = ReceiptNumber.parse(receipt);
        return number == null ? Optional.empty()
                : dossiers.status(number).filter(s -> applicantPhoneEndsWith(s, digits));
    }

    private static boolean applicantPhoneEndsWith(DossierStatus status, String digits) {
        String phone = status.applicantPhone();
        return phone != null && phone.length() >= Ratings.KNOWN_DIGITS && phone.endsWith(digits);
    }
}
