package vn.dancham.text;

/**
 * The Vietnamese words of the parts of an alert SMS that the incident's opener composes (a concern's summary, why a
 * call was missed, a week), from {@code sms-words.properties} beside this class, read as a {@link Bundle}. The SMS
 * goes out in Vietnamese only, so there is one language here; pages render the same facts from the web's message
 * bundles in the reader's language.
 */
public final class SmsWords {

    private static final Bundle WORDS = Bundle.of("vn.dancham.text.sms-words");

    private SmsWords() {
    }

    /** The text in Vietnamese; a code with no words is a bug (the bundle and the code disagree): it throws. */
    public static String say(StoredText text) {
        return text.render(WORDS::text);
    }
}
