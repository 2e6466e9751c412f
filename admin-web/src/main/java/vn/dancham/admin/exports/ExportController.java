package vn.dancham.admin.exports;

import vn.dancham.scoring.PeriodWords;
import vn.dancham.text.StoredText;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
import vn.dancham.admin.web.Formats;
import vn.dancham.admin.web.Labels;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Office;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.Measure;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoreFigures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A period's league table as CSV or XLSX, for meetings; every export is audited. */
@Controller
class ExportController {

    /** Column keys ({@code export.column.*} in the message bundles), in order. */
    static final List<String> COLUMNS = List.of("rank", "name", "type", "office", "district", "id", "ratings",
            "satisfaction", "satisfactionLow", "satisfactionHigh", "satisfiedShare", "onTime", "onTimeStages",
            "complaints", "harassmentReports", "composite", "rankingScore", "change", "verified", "known",
            "unverified", "withheld", "period", "standing", "effectiveN", "compositeLow", "compositeHigh",
            "rankingLow", "rankingHigh", "rankBest", "rankWorst", "officerKind", "computedAt", "pendingUntil");

    private final ScoreRows rows;
    private final AuditLog auditLog;
    private final WebProperties properties;
    private final Organisation organisation;
    private final MessageSource messages;
    private final Labels labels;
    private final Formats formats;

    ExportController(ScoreRows rows, AuditLog auditLog, WebProperties properties, Organisation organisation,
                     MessageSource messages, Labels labels, Formats formats) {
        this.rows = rows;
        this.auditLog = auditLog;
        this.properties = properties;
        this.organisation = organisation;
        this.messages = messages;
        this.labels = labels;
        this.formats = formats;
    }

    /** The header row in the reader's language. */
    List<String> header() {
        Locale locale = LocaleContextHolder.getLocale();
        return COLUMNS.stream().map(c -> messages.getMessage("export.column." + c, null, locale)).toList();
    }

    @GetMapping("/exports/scores.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String view, @RequestParam(required = false) Long unit,
                               @RequestParam(required = false) Long office, @RequestParam(required = false) String kind,
                               @RequestParam(required = false) String period, @AuthenticationPrincipal WebUser me) {
        ScoreRows.Table table = table(view, unit, office, kind, period, me);
        // Excel opens a CSV with the list separator and decimal mark of the computer's regional settings: in
        // Vietnamese ones that is ';' and ',' (1,5), in English ones ',' and '.'. The BOM makes it read UTF-8.
        boolean vietnamese = !"en".equals(LocaleContextHolder.getLocale().getLanguage());
        String separator = vietnamese ? ";" : ",";
        StringBuilder sb = new StringBuilder("\uFEFF");
        // Commons CSV quotes what needs quoting for the chosen separator; formula neutralisation stays ours.
        try (CSVPrinter printer = new CSVPrinter(sb, CSVFormat.RFC4180.builder().setDelimiter(separator).get())) {
            printer.printRecord(header().stream().map(CellText::neutralise).toList());
            for (List<Object> line : lines(table)) {
                List<String> cells = new ArrayList<>();
                for (Object o : line) {
                    cells.add(o == null ? "" : o instanceof String text ? CellText.neutralise(text)
                            : o instanceof BigDecimal d && vietnamese ? d.toPlainString().replace('.', ',')
                            : o instanceof BigDecimal d ? d.toPlainString() : o.toString());
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder cannot fail", e);
        }
        audit("csv", table);
        return file(sb.toString().getBytes(StandardCharsets.UTF_8), name(table, "csv"),
                new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    @GetMapping("/exports/scores.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String view, @RequestParam(required = false) Long unit,
                                @RequestParam(required = false) Long office, @RequestParam(required = false) String kind,
                                @RequestParam(required = false) String period, @AuthenticationPrincipal WebUser me)
            throws IOException {
        ScoreRows.Table table = table(view, unit, office, kind, period, me);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(messages.getMessage("export.sheet", null, LocaleContextHolder.getLocale()));
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            List<String> titles = header();
            for (int c = 0; c < titles.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(titles.get(c));
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
            for (int c = 0; c < 5; c++) {
                sheet.autoSizeColumn(c);
            }
            workbook.write(out);
            audit("xlsx", table);
            return file(out.toByteArray(), name(table, "xlsx"),
                    MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        }
    }

    private ScoreRows.Table table(String view, Long unit, Long office, String kind, String period, WebUser me) {
        Period p = PeriodChoice.parse(period, LocalDate.now(properties.zone()));
        return rows.table(view, unit, office, kind, p, me);
    }

    List<List<Object>> lines(ScoreRows.Table table) {
        List<List<Object>> lines = new ArrayList<>();
        Map<Long, Office> offices = organisation.offices().stream().collect(Collectors.toMap(Office::id, o -> o));
        Map<Long, AdminUnit> units = organisation.units().stream().collect(Collectors.toMap(AdminUnit::id, u -> u));
        Leaderboard board = table.board();
        for (Leaderboard.Entry e : board.entries()) {
            ScoreFigures f = e.score().figures();
            Subject subject = e.score().subject();
            Officer officer = subject.type() == Subject.Type.OFFICER
                    ? organisation.officer(subject.id()).orElse(null) : null;
            Office office = switch (subject.type()) {
                case OFFICER -> officer == null ? null : offices.get(officer.officeId());
                case OFFICE -> offices.get(subject.id());
                default -> null;
            };
            AdminUnit district = office != null ? units.get(office.unitId())
                    : subject.type() == Subject.Type.UNIT ? units.get(subject.id()) : null;
            List<Object> line = new ArrayList<>();
            line.add(e.rank() == 0 ? null : e.rank());
            line.add(e.score().name());
            line.add(labels.of("export.type", subject.type()));
            line.add(office == null || subject.type() == Subject.Type.OFFICE ? null : office.name());
            line.add(district == null || subject.type() == Subject.Type.UNIT ? null : district.name());
            line.add(subject.id());
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
            line.add(f.known());
            line.add(f.unverified());
            line.add(f.withheld());
            line.add(labels.period(e.score().period()));
            // Ranked, or too few ratings to rank (rank left empty), or not rated.
            line.add(labels.of("export.standing", e.standing()));
            line.add(f.satisfaction().effectiveSampleSize());
            line.add(f.composite().low());
            line.add(f.composite().high());
            line.add(e.rankingLow());
            line.add(e.rankingHigh());
            line.add(e.rankBest());
            line.add(e.rankWorst());
            // Which table an officer was ranked in: counter staff and specialists are ranked apart.
            line.add(officer == null ? null : labels.of("scores.kind", officer.kind()));
            // What the page says above the table, on every line so that a file cut or filtered keeps it: when the
            // figures were computed and, for a table computed on a schedule (docs/scoring.md § 9d), by when the
            // changes since are counted (empty: none pending).
            line.add(formats.dateTime(board.computedAt()));
            line.add(formats.dateTime(board.pendingUntil()));
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
        auditLog.recordText("EXPORT_SCORES", "SCORES", table.view().name().toLowerCase(Locale.ROOT),
                table.officerKind() == null
                        ? StoredText.of("audit.text.export", format, table.about(),
                                PeriodWords.of(table.board().period()), table.board().entries().size())
                        : StoredText.of("audit.text.export.kind", format, table.about(),
                                StoredText.word("scores.kind", table.officerKind()),
                                PeriodWords.of(table.board().period()), table.board().entries().size()));
    }

    /**
     * An ASCII file name that says what is in it and sorts by date: {@code dancham-officers-counter-2026-11-01-2026-11-30.csv}
     * (no Vietnamese letters: some mail clients and older Windows tools mangle them).
     */
    static String name(ScoreRows.Table table, String extension) {
        Period p = table.board().period();
        String kind = table.officerKind() == null ? "" : "-" + table.officerKind().name().toLowerCase(Locale.ROOT);
        return "dancham-" + table.view().name().toLowerCase(Locale.ROOT) + kind + "-" + p.from() + "-" + p.lastDay()
                + "." + extension;
    }

    private static ResponseEntity<byte[]> file(byte[] body, String name, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(type)
                .body(body);
    }
}
