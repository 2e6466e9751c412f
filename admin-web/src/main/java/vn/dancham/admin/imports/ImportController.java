package vn.dancham.admin.imports;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import vn.dancham.admin.web.WebProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** CSV import of the organisation, procedures and dossiers, with a report of every bad row. */
@Controller
class ImportController {

    private final CsvImporter importer;
    private final WebProperties properties;

    ImportController(CsvImporter importer, WebProperties properties) {
        this.importer = importer;
        this.properties = properties;
    }

    @GetMapping("/imports")
    String form(Model model) {
        model.addAttribute("kinds", ImportKind.values());
        model.addAttribute("maxMb", properties.maxImportBytes() / (1024 * 1024));
        return "imports/form";
    }

    @PostMapping("/imports")
    String upload(@RequestParam String kind, @RequestParam("file") MultipartFile file, Model model) throws IOException {
        form(model);
        ImportKind importKind;
        try {
            importKind = ImportKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", "imports.error.kind");
            return "imports/form";
        }
        model.addAttribute("selected", importKind);
        if (file.isEmpty()) {
            model.addAttribute("error", "imports.error.empty");
            return "imports/form";
        }
        if (file.getSize() > properties.maxImportBytes()) {
            model.addAttribute("error", "imports.error.tooLarge");
            return "imports/form";
        }
        String name = file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename();
        model.addAttribute("report", importer.importFile(importKind, name, file.getBytes()));
        return "imports/form";
    }

    /** An empty file with the right header row, to fill in a spreadsheet. */
    @GetMapping("/imports/template/{kind}")
    ResponseEntity<byte[]> template(@PathVariable String kind) {
        ImportKind importKind;
        try {
            importKind = ImportKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.notFound().build();
        }
        byte[] body = ("\uFEFF" + importKind.header() + "\r\n").getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + importKind.name().toLowerCase(Locale.ROOT) + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    /** A file over the servlet's multipart limit never reaches the controller: answer with the same page. */
    @ControllerAdvice(assignableTypes = ImportController.class)
    static class TooLarge {
        private final WebProperties properties;

        TooLarge(WebProperties properties) {
            this.properties = properties;
        }

        @ExceptionHandler(MaxUploadSizeExceededException.class)
        String tooLarge(Model model) {
            model.addAttribute("kinds", ImportKind.values());
            model.addAttribute("maxMb", properties.maxImportBytes() / (1024 * 1024));
            model.addAttribute("error", "imports.error.tooLarge");
            return "imports/form";
        }

        /** A post without a file part (a form posted by hand or a script): 400 with the same page, not a 500. */
        @ExceptionHandler({MultipartException.class, MissingServletRequestPartException.class})
        @ResponseStatus(HttpStatus.BAD_REQUEST)
        String noFile(Model model) {
            model.addAttribute("kinds", ImportKind.values());
            model.addAttribute("maxMb", properties.maxImportBytes() / (1024 * 1024));
            model.addAttribute("error", "imports.error.notMultipart");
            return "imports/form";
        }
    }
}
