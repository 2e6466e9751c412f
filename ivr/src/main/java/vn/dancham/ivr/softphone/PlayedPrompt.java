package vn.dancham.ivr.softphone;

/**
 * One thing the caller heard (or did) on a softphone call, in order.
 *
 * @param seq           position in the call, from 0
 * @param kind          PROMPT (a catalog prompt), NAME (an office or stage name), RECORDING (the caller's own
 *                      recording played back, or a new recording made), DIAL (the call put through), UNKNOWN (a
 *                      file the catalog does not know), NOTE (in a test call, what a real call would have done:
 *                      the catalog name is its kind, the texts its facts separated by {@code |})
 * @param catalogName   the catalog entry (e.g. {@code MAIN_MENU}), or null
 * @param textVi        what it says in Vietnamese (empty for silence and recordings)
 * @param textEn        what it says in English, when known
 * @param file          the file as the server named it (e.g. {@code dancham/main-menu}), or the dial string
 * @param audioResource classpath resource with its audio (e.g. {@code sounds/vi/dancham/main-menu.wav}), or null
 * @param audioFile     a file on disk with its audio (recordings), or null
 */
public record PlayedPrompt(int seq, Kind kind, String catalogName, String textVi, String textEn, String file,
                           String audioResource, String audioFile) {

    public enum Kind { PROMPT, NAME, RECORDING, DIAL, UNKNOWN, NOTE }
}
