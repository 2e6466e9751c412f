package vn.dancham.ivr.prompts;

/**
 * One playable sound: a catalog prompt, a name (office, stage) or a caller's own recording.
 *
 * @param file        the file without extension: relative to the sound prefix for prompts and names, absolute
 *                    for recordings (Asterisk accepts both)
 * @param textVi      what it says, for logs and the test-call page (empty for silence, beep or a recording)
 * @param catalogName the catalog entry ({@link Prompt#name()}), {@code NAME} for name audio, {@code RECORDING}
 */
public record Clip(String file, String textVi, String catalogName) {

    public Clip {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("A clip has a file");
        }
        textVi = textVi == null ? "" : textVi;
    }

    /** Whether the file is under the sound prefix (prompts, names) rather than an absolute recording path. */
    public boolean catalogued() {
        return !"RECORDING".equals(catalogName);
    }

    public static Clip recording(String absoluteFileWithoutExtension) {
        return new Clip(absoluteFileWithoutExtension, "", "RECORDING");
    }
}
