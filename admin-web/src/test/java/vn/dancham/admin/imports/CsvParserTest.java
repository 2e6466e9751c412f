package vn.dancham.admin.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvParserTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaksAndCountsSpreadsheetRows() {
        var parsed = CsvParser.parse("\uFEFFcode,Name\r\nA1,\"Bộ phận \"\"một cửa\"\", huyện\"\r\nA2,\"hai\ndòng\"\nA3,ba\n\n");
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.columns()).containsExactly("code", "name");
        assertThat(parsed.rows()).hasSize(3);
        assertThat(parsed.rows().get(0).get("name")).isEqualTo("Bộ phận \"một cửa\", huyện");
        assertThat(parsed.rows().get(0).number()).isEqualTo(2);
        assertThat(parsed.rows().get(1).get("name")).isEqualTo("hai\ndòng");
        assertThat(parsed.rows().get(2).number()).isEqualTo(5);
    }

    @Test
    void acceptsSemicolonsAsExcelWritesThemInVietnameseLocales() {
        var parsed = CsvParser.parse("code;name\nA1;Một, hai\n");
        assertThat(parsed.rows().get(0).get("name")).isEqualTo("Một, hai");
    }

    @Test
    void unclosedQuoteFailsTheFileWithTheRowWhereItStarted() {
        var parsed = CsvParser.parse("code,name\nA1,ok\nA2,\"never closed\nA3,x\n");
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errorRow()).isEqualTo(3);
    }

    @Test
    void rowsWithTheWrongNumberOfColumnsAreKeptForTheImporterToReport() {
        var parsed = CsvParser.parse("code,name\nA1\nA2,b,c\n");
        assertThat(parsed.rows()).extracting(CsvParser.Row::columnCount).containsExactly(1, 3);
    }

    @Test
    void emptyFileHasNoHeader() {
        assertThat(CsvParser.parse("").ok()).isFalse();
        assertThat(CsvParser.parse("\n\n").ok()).isFalse();
    }
}
