package vn.dancham.admin.imports;

import org.springframework.context.MessageSource;

import java.util.List;
import java.util.Locale;

/**
 * One thing wrong with an import file, as a message key of the bundles and its arguments: the report page renders
 * it in the reader's language. An argument may itself be a {@link org.springframework.context.MessageSourceResolvable}
 * (e.g. "a code of letters and digits"), resolved in the same language.
 *
 * @param row    the spreadsheet row (header = 1); 0 for the file as a whole
 * @param column the column at fault, null when the whole row or file is at fault
 * @param key    the message key, e.g. {@code imports.problem.required}
 * @param args   the values the message names, in order
 */
public record ImportProblem(int row, String column, String key, List<Object> args) {

    public ImportProblem {
        args = List.copyOf(args);
    }

    /** For {@code #messages.msgWithParams(key, arguments)} in the page. */
    public Object[] arguments() {
        return args.toArray();
    }

    /** The sentence in one language. */
    public String text(MessageSource messages, Locale locale) {
        return messages.getMessage(key, arguments(), locale);
    }
}
