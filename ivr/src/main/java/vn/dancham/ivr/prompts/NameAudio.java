package vn.dancham.ivr.prompts;

import vn.dancham.text.Diacritics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Audio for names that are data, not catalog prompts: offices and dossier stages. A name's file is derived from
 * the name itself ({@link #fileFor(String)}: an ASCII slug plus a short hash, so "Bộ" and "Bố" never share a
 * file), so it needs no codes and survives re-imports. Only names listed in the committed index
 * ({@value #INDEX}) are played; any other name falls back to a generic phrase chosen by the caller of
 * {@link #clip(String)}.
 */
public final class NameAudio {

    /** Classpath location of the index, relative to the sounds root: {@code file<TAB>name} per line. */
    public static final String INDEX = "sounds/vi/dancham/names/index.tsv";

    private final Map<String, String> fileByName;

    private NameAudio(Map<String, String> fileByName) {
        this.fileByName = Map.copyOf(fileByName);
    }

    /** The names that have committed audio, read from the classpath. */
    public static NameAudio fromClasspath() {
        InputStream in = NameAudio.class.getClassLoader().getResourceAsStream(INDEX);
        if (in == null) {
            return new NameAudio(Map.of());
        }
        Map<String, String> files = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0 && !line.startsWith("#")) {
                    files.put(normalise(line.substring(tab + 1)), line.substring(0, tab));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NameAudio(files);
    }

    public static NameAudio of(Map<String, String> fileByName) {
        Map<String, String> normalised = new HashMap<>();
        fileByName.forEach((name, file) -> normalised.put(normalise(name), file));
        return new NameAudio(normalised);
    }

    /** The clip for a name, when it has audio. */
    public Optional<Clip> clip(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String file = fileByName.get(normalise(name));
        return file == null ? Optional.empty() : Optional.of(new Clip(file, name.strip(), "NAME"));
    }

    /** The name a file was generated for (the test-call page shows it). */
    public Optional<String> nameOf(String file) {
        return fileByName.entrySet().stream().filter(e -> e.getValue().equals(file)).map(Map.Entry::getKey)
                .findFirst();
    }

    public int size() {
        return fileByName.size();
    }

    /** {@code names/<ascii-slug>-<6 hex of SHA-256>}, stable for a given name. */
    public static String fileFor(String name) {
        String n = normalise(name);
        String ascii = Diacritics.strip(n).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        if (ascii.length() > 40) {
            ascii = ascii.substring(0, 40).replaceAll("-$", "");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(n.getBytes(StandardCharsets.UTF_8));
            return "names/" + (ascii.isEmpty() ? "name" : ascii) + "-" + HexFormat.of().formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalise(String name) {
        return Normalizer.normalize(name.strip().replaceAll("\\s+", " "), Normalizer.Form.NFC);
    }
}
