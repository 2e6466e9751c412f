package vn.dancham.admin.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 4180 CSV read with Apache Commons CSV: comma or semicolon separated (Excel in Vietnamese locales writes semicolons), double-quoted fields
 * with doubled quotes inside, line breaks inside quotes, CRLF or LF, an optional UTF-8 byte-order mark. The first
 * row names the columns. Row numbers are the spreadsheet's: the header is row 1.
 */
final class CsvParser {

    /** A data row: its spreadsheet row number and its values by lower-case column name. */
    record Row(int number, Map<String, String> values, int columnCount) {
        String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** The whole file, or why it cannot be read as CSV at all ({@code imports.problem.<error>} of the bundles). */
    record Parsed(List<String> columns, List<Row> rows, String error, int errorRow) {
        boolean ok() {
            return error == null;
        }
    }

    private CsvParser() {
    }

    static Parsed parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        // Apache Commons CSV reads the fields (RFC 4180 quoting, CRLF or LF); this class only keeps the spreadsheet's
        // row numbers (a quoted line break makes a record span two rows) and turns a broken file into a sentence.
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(guessSeparator(text))
                .setIgnoreEmptyLines(false).setTrim(false).get();
        List<List<String>> records = new ArrayList<>();
        List<Integer> recordRows = new ArrayList<>();
        int recordStartRow = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                recordStartRow = (int) parser.getCurrentLineNumber() + 1;
                if (!it.hasNext()) {
                    break;
                }
                records.add(it.next().toList());
                recordRows.add(recordStartRow);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // The only way a string-backed parser fails: a quote opened and never closed.
            return new Parsed(List.of(), List.of(), "unclosedQuote", recordStartRow);
        }
        if (records.isEmpty() || records.get(0).stream().allMatch(String::isBlank)) {
            return new Parsed(List.of(), List.of(), "noHeader", 1);
        }
        List<String> columns = records.get(0).stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> values = records.get(r);
            if (values.stream().allMatch(String::isBlank)) {
                continue; // blank lines (often at the end) are not rows
            }
            // A row with the wrong number of columns is reported by the importer, like any other bad row.
            Map<String, String> byName = new LinkedHashMap<>();
            for (int c = 0; c < Math.min(columns.size(), values.size()); c++) {
                byName.put(columns.get(c), values.get(c));
            }
            rows.add(new Row(recordRows.get(r), byName, values.size()));
        }
        return new Parsed(columns, rows, null, 0);
    }

    private static char guessSeparator(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        return header.chars().filter(ch -> ch == ';').count() > header.chars().filter(ch -> ch == ',').count() ? ';' : ',';
    }
}
