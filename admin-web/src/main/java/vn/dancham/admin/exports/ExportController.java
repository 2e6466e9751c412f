package vn.dancham.admin.exports;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.scores.PeriodChoice;
import vn.dancham.admin.scores.ScoreRows;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.Measure;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoreFigures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A period's league table as CSV or XLSX, for meetings; every export is audited. */
@Controller
class ExportController {

    static final List<String> HEADER = List.of("rank", "name", "type", "id", "ratings", "satisfaction",
            "satisfaction_low", "satisfaction_high", "satisfied_share", "on_time", "on_time_stages", "complaints",
            "harassment_reports", "composite", "ranking_score", "change_vs_previous", "verified", "unverified",
            "withheld", "period", "standing", "effective_n", "composite_low", "composite_high", "ranking_low",
            "ranking_high", "rank_best", "rank_worst");

    private final ScoreRows rows;
    private final AuditLog auditLog;
    private final WebProperties properties;

    ExportController(ScoreRows rows, AuditLog auditLog, WebProperties properties) {
        this.rows = rows;
        this.auditLog = auditLog;
        this.properties = properties;
    }

    @GetMapping("/exports/scores.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String view, @RequestParam(required = false) Long unit,
                               @RequestParam(required = false) Long office, @RequestParam(required = false) String period,
                               @AuthenticationPrincipal WebUser me) {
        ScoreRows.Table table = table(view, unit, office, period, me);
        StringBuilder sb = new StringBuilder("\uFEFF").append(String.join(",", HEADER)).append("\r\n");
        for (List<Object> line : lines(table)) {
            List<String> cells = new ArrayList<>();
            for (Object o : line) {
                cells.add(o == null ? "" : o instanceof String s ? CellText.csv(s) : o.toString());
            }
            sb.append(String.join(",", cells)).append("\r\n");
        }
        audit("csv", table);
        return file(sb.toString().getBytes(StandardCharsets.UTF_8), name(table, "csv"),
                new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    @GetMapping("/exports/scores.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String view, @RequestParam(required = false) Long unit,
                                @RequestParam(required = false) Long office, @RequestParam(required = false) String period,
                                @AuthenticationPrincipal WebUser me) throws IOException {
        ScoreRows.Table table = table(view, unit, office, period, me);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Scores");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADER.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(HEADER.get(c));
                cell.setCellStyle(bold);
            }
            int r = 1;
            for (List<Object> line : lines(table)) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < line.size(); c++) {
                    Object o = line.get(c);
                    Cell cell = row.createCell(c);
                    if (o instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (o != null) {
                        // Text cells only: a string cell is never evaluated, and it is neutralised as well so a
                        // re-save as CSV stays harmless.
                        cell.setCellValue(CellText.neutralise(o.toString()));
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            for (int c = 0; c < 3; c++) {
                sheet.autoSizeColumn(c);
            }
            workbook.write(out);
            audit("xlsx", table);
            return file(out.toByteArray(), name(table, "xlsx"),
                    MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        }
    }

    private ScoreRows.Table table(String view, Long unit, Long office, String period, WebUser me) {
        Period p = PeriodChoice.parse(period, LocalDate.now(properties.zone()));
        return rows.table(view, unit, office, p, me);
    }

    static List<List<Object>> lines(ScoreRows.Table table) {
        List<List<Object>> lines = new ArrayList<>();
        for (Leaderboard.Entry e : table.board().entries()) {
            ScoreFigures f = e.score().figures();
            List<Object> line = new ArrayList<>();
            line.add(e.rank() == 0 ? null : e.rank());
            line.add(e.score().name());
            line.add(e.score().subject().type().name());
            line.add(e.score().subject().id());
            line.add(f.ratings());
            addMeasure(line, f.satisfaction(), true);
            line.add(value(f.satisfiedShare()));
            line.add(value(f.onTime()));
            line.add(f.onTime().sampleSize());
            line.add(f.complaints());
            line.add(f.harassmentReports());
            line.add(value(f.composite()));
            line.add(f.shrunkComposite());
            line.add(e.change());
            line.add(f.verified());
            line.add(f.unverified());
            line.add(f.withheld());
            line.add(e.score().period().label());
            // RANKED, NOT_ENOUGH (too few ratings to rank: rank left empty) or UNRATED.
            line.add(e.standing().name());
            line.add(f.satisfaction().effectiveSampleSize());
            line.add(f.composite().low());
            line.add(f.composite().high());
            line.add(e.rankingLow());
            line.add(e.rankingHigh());
            line.add(e.rankBest());
            line.add(e.rankWorst());
            lines.add(line);
        }
        return lines;
    }

    private static void addMeasure(List<Object> line, Measure m, boolean withInterval) {
        line.add(m.value());
        if (withInterval) {
            line.add(m.low());
            line.add(m.high());
        }
    }

    private static BigDecimal value(Measure m) {
        return m.value();
    }

    private void audit(String format, ScoreRows.Table table) {
        auditLog.record("EXPORT_SCORES", "SCORES", table.view().name().toLowerCase(Locale.ROOT),
                format + " · " + table.about() + " · " + table.board().period().label() + " · "
                        + table.board().entries().size() + " rows");
    }

    private static String name(ScoreRows.Table table, String extension) {
        return "dancham-" + table.view().name().toLowerCase(Locale.ROOT) + "-"
                + table.board().period().label().replaceAll("[^0-9A-Za-z-]", "") + "." + extension;
    }

    private static ResponseEntity<byte[]> file(byte[] body, String name, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(type)
                .body(body);
    }
}
