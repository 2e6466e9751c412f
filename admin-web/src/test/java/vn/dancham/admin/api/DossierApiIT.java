package vn.dancham.admin.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.organisation.Organisation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-stop system's REST API over real HTTP: API keys, idempotent upserts, Problem Details. */
class DossierApiIT extends WebIT {

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Organisation organisation;

    @Autowired
    Procedures procedures;

    @Autowired
    Dossiers dossiers;

    @Autowired
    AuditLog auditLog;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    org.jooq.DSLContext dsl;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    private HttpResponse<String> send(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String dossierJson(Fixtures.Place p, String status) {
        return """
                {"procedureCode":"%s","receivingOfficeCode":"%s","receivingOfficerCode":"%s",
                 "applicantName":"Nguyễn Văn An","applicantPhone":"+84 912 345 678",
                 "receivedAt":"2026-03-01T08:30:00+07:00","dueAt":"2026-03-15T17:00:00+07:00","status":"%s"}
                """.formatted(p.procedureCode(), p.counterOfficeCode(), p.counterOfficerCode(), status);
    }

    @Test
    void pushesADossierAndAStageIdempotently() throws Exception {
        String key = apiKeys.issue("one-stop test", "test").secret();
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.receipt();

        var created = send("PUT", "/api/v1/dossiers/" + receipt, key, dossierJson(p, "IN_PROGRESS"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"outcome\":\"CREATED\"");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/dossiers/" + receipt);

        var again = send("PUT", "/api/v1/dossiers/" + receipt, key, dossierJson(p, "IN_PROGRESS"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"outcome\":\"UNCHANGED\"");

        String stage = """
                {"officeCode":"%s","officerCode":"%s","name":"Thẩm định",
                 "startedAt":"2026-03-02T08:00:00+07:00","dueAt":"2026-03-09T17:00:00+07:00"}
                """.formatted(p.deptOfficeCode(), p.specialistCode());
        assertThat(send("PUT", "/api/v1/dossiers/" + receipt + "/stages/1", key, stage).statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/v1/dossiers/" + receipt + "/stages/1", key, stage).body()).contains("UNCHANGED");

        var view = send("GET", "/api/v1/dossiers/" + receipt, key, null);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("\"receipt\":\"" + receipt + "\"").contains("Thẩm định");
        assertThat(dossiers.status(new ReceiptNumber(receipt)).orElseThrow().applicantPhone()).isEqualTo("0912345678");
        assertThat(auditLog.search(receipt, 10, 0)).extracting(AuditLog.Entry::action)
                .contains("API_DOSSIER_CREATED", "API_DOSSIER_STAGE_CREATED");
    }

    /**
     * The new expected date the office gives a late dossier (what the citizen's apology names) comes from the
     * one-stop system: set by a push, kept by a push that does not carry it, refused when not after the due date.
     */
    @Test
    void theNewDueDateOfALateDossierComesWithThePush() throws Exception {
        String key = apiKeys.issue("one-stop test", "test").secret();
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.receipt();
        String withNewDate = dossierJson(p, "IN_PROGRESS").replace("\"status\"",
                "\"newDueAt\":\"2026-03-25T17:00:00+07:00\",\"status\"");
        assertThat(send("PUT", "/api/v1/dossiers/" + receipt, key, withNewDate).statusCode()).isEqualTo(201);
        assertThat(newDueAt(receipt)).isEqualTo(java.time.Instant.parse("2026-03-25T10:00:00Z"));

        var without = send("PUT", "/api/v1/dossiers/" + receipt, key, dossierJson(p, "IN_PROGRESS"));
        assertThat(without.body()).contains("UNCHANGED");
        assertThat(newDueAt(receipt)).as("a push without the field keeps it").isNotNull();

        var before = send("PUT", "/api/v1/dossiers/" + receipt, key, dossierJson(p, "IN_PROGRESS")
                .replace("\"status\"", "\"newDueAt\":\"2026-03-10T17:00:00+07:00\",\"status\""));
        assertThat(before.statusCode()).isEqualTo(422);
        assertThat(before.body()).contains("newDueAt").contains("Ngày hẹn trả mới phải sau ngày hẹn trả");
        assertThat(newDueAt(receipt)).isEqualTo(java.time.Instant.parse("2026-03-25T10:00:00Z"));
    }

    private java.time.Instant newDueAt(String receipt) {
        var at = dsl.select(vn.dancham.db.jooq.Tables.DOSSIER.NEW_DUE_AT).from(vn.dancham.db.jooq.Tables.DOSSIER)
                .where(vn.dancham.db.jooq.Tables.DOSSIER.RECEIPT_NO.eq(receipt)).fetchSingle().value1();
        return at == null ? null : at.toInstant();
    }

    @Test
    void invalidDossierIs422WithEveryFieldAndNothingWritten() throws Exception {
        String key = apiKeys.issue("one-stop test", "test").secret();
        String receipt = Fixtures.receipt();
        var response = send("PUT", "/api/v1/dossiers/" + receipt, key, """
                {"procedureCode":"NO-SUCH","receivingOfficeCode":"NO-SUCH","applicantName":"A",
                 "receivedAt":"2026-03-01T08:30:00+07:00","dueAt":"2026-03-15T17:00:00+07:00","status":"DONE"}
                """);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"field\":\"procedureCode\"").contains("\"field\":\"receivingOfficeCode\"")
                .contains("\"field\":\"status\"");
        // Each error: a stable code for the sending program, the sentence in English and in Vietnamese for people.
        assertThat(response.body()).contains("\"code\":\"PROCEDURE_UNKNOWN\"")
                .contains("\"message\":\"Unknown procedure code NO-SUCH\"")
                .contains("\"messageVi\":\"Không có thủ tục mã NO-SUCH\"")
                .contains("\"messageVi\":\"Trạng thái không hợp lệ: DONE (hợp lệ: IN_PROGRESS, READY, RECEIVED, RETURNED, SUPPLEMENT_REQUESTED, WITHDRAWN)\"");
        assertThat(dossiers.status(new ReceiptNumber(receipt))).isEmpty();
    }

    @Test
    void unreadableBodiesAndBadPathsAre400ProblemDetails() throws Exception {
        String key = apiKeys.issue("one-stop test", "test").secret();
        var notJson = send("PUT", "/api/v1/dossiers/20260001", key, "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"title\":\"Unreadable request body\"");

        var wrongType = send("PUT", "/api/v1/dossiers/20260001", key, "{\"receivedAt\":\"yesterday\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("receivedAt");
        // The program is told which field and what it expects, not our Java types or exceptions.
        assertThat(wrongType.body()).doesNotContain("java.").doesNotContain("Exception").doesNotContain("Instant");

        var badReceipt = send("PUT", "/api/v1/dossiers/12ab", key, "{}");
        assertThat(badReceipt.statusCode()).isEqualTo(400);
        assertThat(badReceipt.body()).contains("4 to 20 digits");

        var missing = send("GET", "/api/v1/dossiers/99999999999", key, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    }

    @Test
    void noKeyAWrongKeyOrARevokedKeyIs401() throws Exception {
        assertThat(send("GET", "/api/v1/dossiers/20260001", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/dossiers/20260001", "dc_wrong", null).statusCode()).isEqualTo(401);
        var issued = apiKeys.issue("to revoke", "test");
        assertThat(send("GET", "/api/v1/dossiers/99999999999", issued.secret(), null).statusCode()).isEqualTo(404);
        apiKeys.revoke(issued.id());
        var revoked = send("GET", "/api/v1/dossiers/99999999999", issued.secret(), null);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("API key missing or not valid");
        assertThat(apiKeys.list()).filteredOn(k -> k.id() == issued.id()).singleElement()
                .satisfies(k -> assertThat(k.prefix()).isEqualTo(issued.secret().substring(0, 8)));
    }

    /**
     * The description is generated from the controllers, so it cannot drift from them: every handler under /api is
     * in it with its HTTP method, and the shapes the one-stop system relies on (date-time fields, the bearer key)
     * are there. Public like any integration contract; Swagger UI only for administrators.
     */
    @Test
    void openApiDescriptionIsGeneratedFromTheControllers() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JsonMapper.builder().build().readTree(response.body());
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        assertThat(doc.path("components").path("securitySchemes").path("apiKey").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(doc.path("components").path("schemas").path("DossierBody").path("properties")
                .path("receivedAt").path("format").asString()).isEqualTo("date-time");

        int described = 0;
        for (var entry : handlers.getHandlerMethods().entrySet()) {
            var patterns = entry.getKey().getPathPatternsCondition();
            if (patterns == null) {
                continue;
            }
            for (String pattern : patterns.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    assertThat(doc.path("paths").path(pattern).has(method.name().toLowerCase(java.util.Locale.ROOT)))
                            .as(method + " " + pattern + " in /v3/api-docs").isTrue();
                    described++;
                }
            }
        }
        assertThat(described).isGreaterThanOrEqualTo(3);
        assertThat(doc.path("paths").properties().stream().map(java.util.Map.Entry::getKey))
                .allMatch(path -> path.startsWith("/api/"));

        var anonymousUi = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymousUi.statusCode()).isIn(302, 401, 403);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/swagger-ui/index.html")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .user(userWith(vn.dancham.admin.security.Role.ADMIN))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
    }
}
