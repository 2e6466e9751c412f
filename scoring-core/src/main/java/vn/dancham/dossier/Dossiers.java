package vn.dancham.dossier;

import java.util.Optional;

/** Looking dossiers up by receipt number. Implemented in this package's internals over PostgreSQL. */
public interface Dossiers {

    /** Where the dossier is now; empty when no dossier has this receipt number. */
    Optional<DossierStatus> status(ReceiptNumber receipt);

    /** The dossier's whole story: every stage, who held it how long, and which stage made it late. */
    Optional<DossierTimeline> timeline(ReceiptNumber receipt);
}
