package vn.dancham.admin.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as RFC 9457 Problem Details (application/problem+json), including Spring MVC's own
 * (wrong method, wrong media type, unreadable JSON). Pages are not affected.
 */
@RestControllerAdvice(assignableTypes = DossierApiController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(DossierApiController.BadRequest.class)
    ProblemDetail badRequest(DossierApiController.BadRequest e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        // Say where the JSON is wrong (Jackson's message names the field and the expected type) without echoing
        // the whole payload back.
        String cause = ex.getMostSpecificCause().getMessage();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof tools.jackson.core.JacksonException je && !je.getPath().isEmpty()) {
                String field = je.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                        : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining("."));
                // Jackson's own words name Java types (java.time.Instant) and exceptions: say what we expect instead.
                cause = "field '" + field + "' has a value of the wrong type or format (dates and times are ISO-8601"
                        + " with an offset, e.g. 2026-03-01T08:30:00+07:00)";
                break;
            }
        }
        if (cause != null) {
            int newline = cause.indexOf('\n');
            cause = newline > 0 ? cause.substring(0, newline) : cause;
            cause = cause.length() > 300 ? cause.substring(0, 300) + "…" : cause;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON for this resource" + (cause == null ? "" : ": " + cause));
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
