package vn.dancham.admin.web;

import org.junit.jupiter.api.Test;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.HttpSession;
import vn.dancham.admin.support.WebIT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong or missing answers over real HTTP (through Tomcat's error dispatch, which MockMvc skips): a Vietnamese page
 * for people, Problem Details for programs, never a Java class name, and 404 for what is not there.
 */
class ErrorPagesIT extends WebIT {

    private HttpSession signedIn(Role role) {
        HttpSession session = new HttpSession(baseUrl());
        assertThat(session.logIn(userWith(role).getUsername(), PASSWORD)).isTrue();
        return session;
    }

    @Test
    void errorAskedForDirectlyIsAMissingPageNot999() throws Exception {
        HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/error"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).doesNotContain("999").contains("\"status\":404");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/error"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Không tìm thấy");
    }

    @Test
    void importPostedWithoutAFileIsA400PageInVietnamese() {
        HttpSession admin = signedIn(Role.ADMIN);
        admin.get("/imports");
        HttpResponse<String> r = admin.post("/imports", Map.of("kind", "OFFICES"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Chưa chọn tệp CSV để nhập").doesNotContain("Exception");
    }

    @Test
    void wrongMethodAndUnknownIdsAnswerInVietnamese() {
        HttpSession hr = signedIn(Role.HR);
        HttpResponse<String> missing = hr.get("/offices/987654321");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Không tìm thấy");
        hr.get("/dossiers");
        HttpResponse<String> wrongMethod = hr.post("/dossiers", Map.of());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("Trang này không nhận thao tác đó").doesNotContain("Method Not Allowed");
        assertThat(hr.get("/officers/987654321").statusCode()).isEqualTo(404);
    }

    /** Refused by Tomcat before the application runs (request line over the header limit): still our words. */
    @Test
    void aNineThousandCharacterQueryGetsTheVietnamesePageNotTomcats() throws Exception {
        String query = "x".repeat(9_000);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/dossiers?q=" + query)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Yêu cầu không hợp lệ", "Yêu cầu gửi lên không đúng dạng", "Mã lỗi 400",
                "The request was not in the expected form").doesNotContain("HTTP Status", "Tomcat", "Type Status Report");
    }

    /** A character Tomcat does not allow in a URL, sent as a raw request (Java's HTTP client would refuse it). */
    @Test
    void anIllegalCharacterInTheUrlGetsTheVietnamesePage() throws Exception {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /dossiers?q={<x>} HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("Yêu cầu không hợp lệ")
                    .doesNotContain("HTTP Status", "Tomcat");
        }
    }
}
