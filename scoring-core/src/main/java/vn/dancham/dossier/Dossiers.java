package vn.dancham.dossier;

import java.util.Optional;

/** Looking dossiers up by receipt number. Implemented in this package's internals over PostgreSQL. */
public interface Dossiers {

    Optional<DossierStatus> status(ReceiptNumber receipt);
}
