package vn.dancham.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * Words a module composes itself (an SMS, a label that ends up in stored text), read from a properties resource
 * beside the code: what admin-web's {@code messages.properties} is for pages, for modules that have no Spring
 * {@code MessageSource} of their own. The base file ({@code name.properties}) is Vietnamese; another language is
 * {@code name_<lang>.properties}. Files are UTF-8 (the JDK's default for properties bundles since Java 9).
 * <p>
 * Patterns are {@link MessageFormat}s ({@code {0}}, {@code {1}}…; a literal apostrophe is written twice). Every
 * argument is put in as text — the caller formats its dates and numbers — so a year never comes out as "2,026" and
 * the words do not depend on the server's locale. A key that is not in the file is a bug: it throws.
 */
public final class Bundle {

    private final String name;
    private final Locale locale;
    private final ResourceBundle bundle;

    private Bundle(String name, Locale locale) {
        this.name = name;
        this.locale = locale;
        // No fallback to the server's default locale: Vietnamese is the base file, whatever the machine says.
        this.bundle = ResourceBundle.getBundle(name, locale, Bundle.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The Vietnamese words of {@code name} (a resource path with dots, e.g. {@code vn.dancham.escalation.alerts}). */
    public static Bundle of(String name) {
        return new Bundle(name, Locale.ROOT);
    }

    /** The words of {@code name} in {@code locale}'s language, Vietnamese where that file has no such key. */
    public static Bundle of(String name, Locale locale) {
        return new Bundle(name, locale);
    }

    /** The pattern under {@code key} with {@code args} put in. */
    public String text(String key, Object... args) {
        return format(pattern(key), args);
    }

    /** Whether {@code key} exists (for keys made from a code, which fall back to a general word). */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** Every key, for the tests that check the files. */
    public Set<String> keys() {
        return new TreeSet<>(bundle.keySet());
    }

    /**
     * The text under {@code key} split around argument {@code at}: what comes before and after it, for a caller that
     * shortens that one argument (a summary, an office's name) until the whole fits an SMS. {@code args[at]} is
     * ignored.
     */
    public Around around(String key, int at, Object... args) {
        Object[] marked = args.clone();
        marked[at] = MARK;
        String whole = format(pattern(key), marked);
        int i = whole.indexOf(MARK);
        if (i < 0 || whole.indexOf(MARK, i + 1) >= 0) {
            throw new IllegalStateException(name + ": " + key + " must name {" + at + "} exactly once");
        }
        return new Around(whole.substring(0, i), whole.substring(i + MARK.length()));
    }

    /** What comes before and after the shortened part. */
    public record Around(String head, String tail) {
    }

    /** Never in a message or an argument: a private-use character. */
    private static final String MARK = "\uE000";

    private String pattern(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("No " + key + " in " + name + " (" + locale + ")", e);
        }
    }

    private String format(String pattern, Object[] args) {
        Object[] text = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, locale).format(text);
    }
}
