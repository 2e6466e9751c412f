package vn.dancham.admin.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 4180 CSV: comma or semicolon separated (Excel in Vietnamese locales writes semicolons), double-quoted fields
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

    /** The whole file, or why it cannot be read as CSV at all. */
    record Parsed(List<String> columns, List<Row> rows, String errorVi, String errorEn, int errorRow) {
        boolean ok() {
            return errorVi == null;
        }
    }

    private CsvParser() {
    }

    static Parsed parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char separator = guessSeparator(text);
        List<List<String>> records = new ArrayList<>();
        List<Integer> recordRows = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int row = 1;
        int recordStartRow = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        row++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == separator) {
                current.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                current.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                records.add(current);
                recordRows.add(recordStartRow);
                current = new ArrayList<>();
                row++;
                recordStartRow = row;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            return new Parsed(List.of(), List.of(), "Dấu ngoặc kép (\") mở mà không đóng",
                    "A double quote (\") is opened and never closed", recordStartRow);
        }
        if (fieldStarted || !current.isEmpty()) {
            current.add(field.toString());
            records.add(current);
            recordRows.add(recordStartRow);
        }
        if (records.isEmpty() || records.get(0).stream().allMatch(String::isBlank)) {
            return new Parsed(List.of(), List.of(), "Tệp trống hoặc thiếu dòng tiêu đề",
                    "The file is empty or has no header row", 1);
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
        return new Parsed(columns, rows, null, null, 0);
    }

    private static char guessSeparator(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        return header.chars().filter(ch -> ch == ';').count() > header.chars().filter(ch -> ch == ',').count() ? ';' : ',';
    }
}
