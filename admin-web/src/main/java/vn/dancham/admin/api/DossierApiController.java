package vn.dancham.admin.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.dossier.UpsertResult;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The one-stop dossier system pushes dossiers and stage changes as they happen. Both writes are idempotent PUTs
 * keyed by receipt number (and stage sequence): sending the same body again answers 200 {@code UNCHANGED}.
 * Described at {@code /v3/api-docs}, generated from this class; bad payloads get RFC 9457 Problem Details.
 */
@RestController
@Tag(name = "Hồ sơ / Dossiers", description = "Dossiers and their stages as the one-stop system records them")
@RequestMapping("/api/v1/dossiers")
class DossierApiController {

    /** A dossier as the one-stop system sends it; the receipt number is in the path. */
    record DossierBody(String procedureCode, String receivingOfficeCode, String receivingOfficerCode,
                       String applicantName, String applicantPhone, Instant receivedAt, Instant dueAt,
                       Instant returnedAt, String status, Instant newDueAt) {
    }

    /** A stage; receipt number and sequence are in the path. */
    record StageBody(String officeCode, String officerCode, String name, Instant startedAt, Instant dueAt,
                     Instant finishedAt) {
    }

    record Written(String outcome, long id) {
    }

    /** One invalid field: a stable code for programs, and the sentence in English and Vietnamese for people. */
    record FieldError(String field, String code, String message, String messageVi) {
    }

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final DossierRegistry registry;
    private final Dossiers dossiers;
    private final AuditLog auditLog;
    private final MessageSource messages;

    DossierApiController(DossierRegistry registry, Dossiers dossiers, AuditLog auditLog, MessageSource messages) {
        this.registry = registry;
        this.dossiers = dossiers;
        this.auditLog = auditLog;
        this.messages = messages;
    }

    @PutMapping("/{receipt}")
    @Operation(summary = "Create or update a dossier",
            description = "Idempotent: the same body again answers 200 UNCHANGED. A stage not yet sent keeps its "
                    + "place; the dossier's status and dates follow what the one-stop system says.")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(
            implementation = Written.class)))
    @ApiResponse(responseCode = "200", description = "UPDATED or UNCHANGED", content = @Content(schema = @Schema(
            implementation = Written.class)))
    @ApiResponse(responseCode = "400", description = "Receipt number or body not readable", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Fields not valid (listed in errors); nothing written",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> putDossier(@PathVariable String receipt, @RequestBody DossierBody body) {
        ReceiptNumber number = receipt(receipt);
        UpsertResult result = registry.upsert(new DossierData(number, body.procedureCode(), body.receivingOfficeCode(),
                body.receivingOfficerCode(), body.applicantName(), body.applicantPhone(), body.receivedAt(),
                body.dueAt(), body.returnedAt(), body.status() == null ? null : body.status().toUpperCase(Locale.ROOT),
                body.newDueAt()));
        return answer(result, "DOSSIER", number.digits(), URI.create("/api/v1/dossiers/" + number.digits()));
    }

    @PutMapping("/{receipt}/stages/{seq}")
    @Operation(summary = "Create or update one stage of a dossier",
            description = "seq is the stage's position, 1 to 1000. Idempotent like the dossier.")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(
            implementation = Written.class)))
    @ApiResponse(responseCode = "200", description = "UPDATED or UNCHANGED", content = @Content(schema = @Schema(
            implementation = Written.class)))
    @ApiResponse(responseCode = "400", description = "Receipt number, sequence or body not readable",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Fields not valid (listed in errors); nothing written",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> putStage(@PathVariable String receipt, @PathVariable int seq, @RequestBody StageBody body) {
        ReceiptNumber number = receipt(receipt);
        if (seq < 1 || seq > 1000) {
            throw new BadRequest("Stage sequence must be 1 to 1000, was " + seq);
        }
        UpsertResult result = registry.upsertStage(new StageData(number, seq, body.officeCode(), body.officerCode(),
                body.name(), body.startedAt(), body.dueAt(), body.finishedAt()));
        return answer(result, "DOSSIER_STAGE", number.digits() + "#" + seq,
                URI.create("/api/v1/dossiers/" + number.digits()));
    }

    @GetMapping("/{receipt}")
    @Operation(summary = "A dossier with its stages, as Dân Chấm holds it")
    @ApiResponse(responseCode = "200", description = "The dossier")
    @ApiResponse(responseCode = "404", description = "No dossier with that receipt number", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> get(@PathVariable String receipt) {
        ReceiptNumber number = receipt(receipt);
        return dossiers.timeline(number).<ResponseEntity<?>>map(t -> ResponseEntity.ok(view(t)))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                            "No dossier with receipt number " + number.digits());
                    problem.setTitle("Dossier not found");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
                });
    }

    private FieldError fieldError(UpsertResult.Problem p) {
        String key = "dossier.problem." + p.code();
        Object[] args = p.args().toArray();
        return new FieldError(p.field(), p.code(), messages.getMessage(key, args, Locale.ENGLISH),
                messages.getMessage(key, args, VIETNAMESE));
    }

    private ResponseEntity<?> answer(UpsertResult result, String type, String key, URI location) {
        if (!result.accepted()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    result.problems().size() + " field(s) not valid; nothing was written.");
            problem.setTitle("Invalid " + (type.equals("DOSSIER") ? "dossier" : "stage"));
            problem.setProperty("errors", result.problems().stream()
                    .map(this::fieldError).toList());
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
        }
        Written written = new Written(result.outcome().name(), result.id());
        if (result.outcome() != UpsertResult.Outcome.UNCHANGED) {
            auditLog.record("API_" + type + "_" + result.outcome().name(), type, key, null);
        }
        return result.outcome() == UpsertResult.Outcome.CREATED
                ? ResponseEntity.created(location).body(written)
                : ResponseEntity.ok(written);
    }

    private static ReceiptNumber receipt(String raw) {
        ReceiptNumber number = ReceiptNumber.parse(raw);
        if (number == null) {
            throw new BadRequest("A receipt number has 4 to 20 digits: " + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw));
        }
        return number;
    }

    /** The dossier's status and timeline as JSON. */
    record DossierView(String receipt, String procedure, String receivingOffice, Instant receivedAt, Instant dueAt,
                       Instant returnedAt, String status, boolean late, Integer lateAtStage, List<StageView> stages) {
    }

    record StageView(int seq, String name, String office, String officer, Instant startedAt, Instant dueAt,
                     Instant finishedAt, long daysHeld, long daysLate) {
    }

    private static DossierView view(DossierTimeline t) {
        var st = t.status();
        return new DossierView(st.receipt().digits(), st.procedureName(), st.receivingOfficeName(), st.receivedAt(),
                st.dueAt(), st.returnedAt(), st.status(), st.late(), t.culpritSeq().orElse(null),
                t.stages().stream().map(s -> new StageView(s.seq(), s.name(), s.officeName(), s.officerName(),
                        s.startedAt(), s.dueAt(), s.finishedAt(), s.daysHeld(), s.late() ? s.daysLate() : 0)).toList());
    }

    /** A request that cannot be understood: answered 400 by {@link ApiProblems}. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
