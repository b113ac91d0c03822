package io.unitize.controlcenter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.unitize.controlcenter.cutover.CutoverConflictException;
import io.unitize.controlcenter.cutover.FieldError;
import io.unitize.controlcenter.cutover.InvalidPlanException;
import io.unitize.core.InvalidRulesException;
import io.unitize.core.StaleRulesException;
import io.unitize.core.nacos.RulesPublishException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal as an RFC 7807 problem: {@code detail} says what was refused and why,
 * {@code errors} lists each field ({@code field}, {@code message}), {@code field} is the first.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final String TYPE = "https://unitize.io/problems/";

    @ExceptionHandler(InvalidPlanException.class)
    ProblemDetail invalidPlan(InvalidPlanException e) {
        return withErrors(problem(HttpStatus.BAD_REQUEST, "invalid-plan", "Invalid plan", e.getMessage()), e.errors());
    }

    @ExceptionHandler(InvalidRulesException.class)
    ProblemDetail invalidRules(InvalidRulesException e) {
        return withErrors(problem(HttpStatus.BAD_REQUEST, "invalid-rules", "Invalid rules document", e.getMessage()),
                e.violations().stream().map(v -> new FieldError(fieldOf(v), v)).toList());
    }

    @ExceptionHandler(CutoverConflictException.class)
    ProblemDetail conflict(CutoverConflictException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
        if (e.conflictingCutover() != null) {
            p.setProperty("conflictingCutover", e.conflictingCutover());
        }
        return p;
    }

    @ExceptionHandler(StaleRulesException.class)
    ProblemDetail stale(StaleRulesException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "stale-version", "Stale rules version", e.getMessage());
        p.setProperty("field", "version");
        p.setProperty("versionInForce", e.versionInForce());
        return p;
    }

    @ExceptionHandler(RulesController.PartiallyPublishedException.class)
    ProblemDetail partial(RulesController.PartiallyPublishedException e) {
        RulesPublishException cause = e.publishFailure();
        ProblemDetail p = problem(HttpStatus.BAD_GATEWAY, "partially-published", "Stored, not yet in every unit", e.getMessage());
        p.setProperty("version", cause.version());
        p.setProperty("published", cause.published());
        p.setProperty("failures", cause.failures());
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return withErrors(problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                        "parameter '" + e.getName() + "' must be a " + simpleType(e.getRequiredType()) + ", but was '" + e.getValue() + "'"),
                List.of(new FieldError(e.getName(), "must be a " + simpleType(e.getRequiredType()))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message;
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = path(m.getPath());
            String expected = m instanceof MismatchedInputException mi && mi.getTargetType() != null
                    ? simpleType(mi.getTargetType()) : "another type";
            message = m instanceof InvalidFormatException f
                    ? "must be a " + expected + ", but was " + quote(f.getValue())
                    : "must be a " + expected;
        } else if (cause instanceof JsonProcessingException p) {
            message = "is not valid JSON: " + p.getOriginalMessage()
                    + (p.getLocation() == null ? "" : " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")");
        } else {
            message = "is missing or unreadable: " + cause.getMessage();
        }
        ProblemDetail p = withErrors(problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "request " + field + " " + message), List.of(new FieldError(field, message)));
        return ResponseEntity.badRequest().body(p);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE + type));
        p.setTitle(title);
        return p;
    }

    private static ProblemDetail withErrors(ProblemDetail p, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            p.setProperty("field", errors.get(0).field());
        }
        p.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return p;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Rule violations usually start with the field they concern ("routes: …", "version must …"). */
    private static String fieldOf(String violation) {
        String head = violation.split("[ :]", 2)[0];
        return head.matches("[A-Za-z][A-Za-z0-9_.\\[\\]]*") ? head : "document";
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "JSON array";
        }
        return "JSON object (" + type.getSimpleName() + ")";
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    static String joined(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }
}
