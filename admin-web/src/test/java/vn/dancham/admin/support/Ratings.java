package vn.dancham.admin.support;

import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;

import java.time.Instant;

/** Rates a dossier through the real rating API, as the hotline does. */
public final class Ratings {

    private Ratings() {
    }

    public static RatingReceipt rate(vn.dancham.rating.Ratings ratings, Dossiers dossiers, String receipt,
                                     String question, int value, String caller, Instant at) {
        long dossierId = dossiers.status(new ReceiptNumber(receipt)).orElseThrow().dossierId();
        return ratings.record(new RatingSubmission(null, dossierId, null, question, value, caller, at,
                RatingSubmission.Channel.PHONE));
    }
}
