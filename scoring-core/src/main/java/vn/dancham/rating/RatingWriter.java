package vn.dancham.rating;

/**
 * Applies the answers {@link Ratings#submit} kept, in batches, on any node sharing the database: each answer
 * exactly once, one batch at a time across the nodes, in the order they were kept (docs/reliability.md, "The answer
 * pipeline"). Runs by itself in the background; this is for whoever must see the answers applied now (tests, the
 * end of an import, a drill).
 */
public interface RatingWriter {

    /**
     * Applies every answer waiting now (and those kept while it runs), batch after batch; returns how many answers
     * it handled: applied, or set aside as unusable ({@link #setAside()}).
     */
    int applyPending();

    /** Answers kept and not yet applied (nor set aside). */
    int waiting();

    /** Answers the writer could not apply (an unknown question, dossier or office) and kept aside for HR. */
    int setAside();
}
