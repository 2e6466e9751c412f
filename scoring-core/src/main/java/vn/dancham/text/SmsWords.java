package vn.dancham.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * The Vietnamese words of the parts of an alert SMS that the incident's opener composes (a concern's summary, why a
 * call was missed, a week), from {@code sms-words.properties} beside this class. The SMS goes out in Vietnamese only,
 * so there is one language here; pages render the same facts from the web's message bundles in the reader's
 * language.
 */
public final class SmsWords {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    private static final Properties WORDS = load();

    private SmsWords() {
    }

    /** The text in Vietnamese; a code with no words is a bug (the bundle and the code disagree). */
    public static String say(StoredText text) {
        return text.render((code, args) -> {
            String pattern = WORDS.getProperty(code);
            if (pattern == null) {
                throw new IllegalStateException("No SMS words for " + code + " in sms-words.properties");
            }
            return new MessageFormat(pattern, VIETNAMESE).format(args);
        });
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = SmsWords.class.getResourceAsStream("sms-words.properties")) {
            if (in == null) {
                throw new IllegalStateException("sms-words.properties is missing from the classpath");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
