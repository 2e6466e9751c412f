package vn.dancham.ivr.prompts;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The catalog as the text file the audio is generated from ({@code ivr/src/main/sounds/prompts-vi.tsv}):
 * {@code file<TAB>Vietnamese text} per prompt. Run {@code main} to print it after changing {@link Prompt}.
 */
public final class PromptCatalog {

    private PromptCatalog() {
    }

    public static String tsv() {
        return "# file\tVietnamese text (generated from vn.dancham.ivr.prompts.Prompt; do not edit by hand)\n"
                + Arrays.stream(Prompt.values()).map(p -> p.file() + "\t" + p.vi()).collect(Collectors.joining("\n"))
                + "\n";
    }

    public static int size() {
        return Prompt.values().length;
    }

    public static void main(String[] args) {
        System.out.print(tsv());
    }
}
