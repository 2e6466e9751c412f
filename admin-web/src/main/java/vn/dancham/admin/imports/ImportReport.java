package vn.dancham.admin.imports;

import java.util.List;

/**
 * What an import did: all rows written, or none (then {@code problems} lists every bad row and column).
 *
 * @param rows data rows read (the header not counted)
 */
public record ImportReport(ImportKind kind, String fileName, int rows, int created, int updated, int unchanged,
                           List<ImportProblem> problems) {

    public ImportReport {
        problems = List.copyOf(problems);
    }

    public boolean committed() {
        return problems.isEmpty();
    }
}
