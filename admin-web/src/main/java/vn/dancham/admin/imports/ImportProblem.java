package vn.dancham.admin.imports;

/**
 * One thing wrong with an import file.
 *
 * @param row    the spreadsheet row (header = 1); 0 for the file as a whole
 * @param column the column at fault, null when the whole row or file is at fault
 */
public record ImportProblem(int row, String column, String messageVi, String messageEn) {

    public String message(String language) {
        return "en".equals(language) ? messageEn : messageVi;
    }
}
