package io.unitize.controlcenter.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.unitize.controlcenter.cutover.CutoverConflictException;
import io.unitize.controlcenter.cutover.FieldError;
import io.unitize.controlcenter.cutover.InvalidPlanException;
import io.unitize.controlcenter.cutover.ReplayUndeliveredException;
import io.unitize.controlcenter.store.AuditLog;
import io.unitize.core.InvalidRulesException;
import io.unitize.core.StaleRulesException;
import io.unitize.core.UnitIndexChangedException;
import io.unitize.core.nacos.RulesPublishException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every refusal as an RFC 7807 problem: {@code detail} says what was refused and why,
 * {@code errors} lists each field ({@code field}, {@code message}), {@code field} is the first.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private final AuditLog audit;

    public ApiExceptionHandler(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(RequestRefusedException.class)
    ProblemDetail refused(RequestRefusedException e) {
        return withErrors(problem(e.status(), e.status() == HttpStatus.PAYLOAD_TOO_LARGE ? "request-too-large" : "malformed-request",
                e.status() == HttpStatus.PAYLOAD_TOO_LARGE ? "Request too large" : "Malformed request",
                "request " + e.field() + " " + e.getMessage()), List.of(new FieldError(e.field(), e.getMessage())));
    }

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

    /** A replay request a target unit still refuses: 502, naming each unit and its reason. */
    @ExceptionHandler(ReplayUndeliveredException.class)
    ProblemDetail replayUndelivered(ReplayUndeliveredException e) {
        ProblemDetail p = problem(HttpStatus.BAD_GATEWAY, "replay-undelivered", "Replay request not delivered", e.getMessage());
        p.setProperty("cutoverId", e.cutoverId());
        p.setProperty("refusedByUnit", e.refusedByUnit());
        return p;
    }

    /** A new version that changes a unit's index: 409, naming the unit and both indexes. */
    @ExceptionHandler(UnitIndexChangedException.class)
    ProblemDetail indexChanged(UnitIndexChangedException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "unit-index-changed", "A unit's index cannot change", e.getMessage());
        p.setProperty("unit", e.unit());
        p.setProperty("oldIndex", e.oldIndex());
        p.setProperty("newIndex", e.newIndex());
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
                        "parameter '" + e.getName() + "' must be " + simpleType(e.getRequiredType()) + ", but was '"
                                + Problems.shown(String.valueOf(e.getValue())) + "'"),
                List.of(new FieldError(e.getName(), "must be " + simpleType(e.getRequiredType()))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail p;
        if (RequestShapeFilter.causedByTooLarge(ex)) {
            p = refused(RequestRefusedException.tooLarge(((RequestShapeFilter.BodyTooLargeException) rootOf(ex)).limit));
        } else {
            FieldError error = unreadable(ex.getMostSpecificCause());
            p = error.message().startsWith(NESTS) ? refused(RequestRefusedException.tooDeep(depthLimit(error.message())))
                    : withErrors(problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "request " + error.field() + " " + error.message()), List.of(error));
        }
        auditRefusal(request, p);
        return ResponseEntity.status(p.getStatus()).body(p);
    }

    private static final String NESTS = "nests objects and arrays deeper than ";

    /** What is wrong with an unreadable body, as the field (a JSON path, or "body") and a message. */
    private static FieldError unreadable(Throwable cause) {
        if (cause instanceof StreamConstraintsException c) {
            String m = String.valueOf(c.getOriginalMessage());
            java.util.regex.Matcher depth = java.util.regex.Pattern.compile("maximum allowed \\((\\d+)").matcher(m);
            if (m.contains("nesting depth") && depth.find()) {
                return new FieldError("body", NESTS + depth.group(1) + " levels");
            }
            return new FieldError("body", "exceeds a parser limit: " + m.replaceAll(",? from `[^`]*`", ""));
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return new FieldError(path(u.getPath()), "is not a known field; expected one of " + known);
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String expected = m instanceof MismatchedInputException mi && mi.getTargetType() != null
                    ? simpleType(mi.getTargetType()) : "a value of another type";
            String given = m instanceof InvalidFormatException f ? quote(f.getValue()) : coerced(m.getOriginalMessage());
            return new FieldError(path(m.getPath()), "must be " + expected + (given == null ? "" : ", but was " + given));
        }
        if (cause instanceof JsonProcessingException p && String.valueOf(p.getOriginalMessage()).startsWith("Duplicate field '")) {
            String name = p.getOriginalMessage().substring("Duplicate field '".length()).split("'", 2)[0];
            return new FieldError(Problems.shown(name), "appears more than once (a JSON object names each field once)");
        }
        if (cause instanceof JsonProcessingException p) {
            JsonLocation at = p.getLocation();
            return new FieldError("body", "is not valid JSON: " + p.getOriginalMessage()
                    + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        return new FieldError("body", "is missing or unreadable: " + cause.getMessage());
    }

    private static final java.util.regex.Pattern COERCED = java.util.regex.Pattern.compile(
            "^Cannot coerce (?:String|Integer|Floating-point|Boolean) value \\((.*)\\) to ");

    /** The value Jackson refused to coerce ("Cannot coerce String value ("abc") to ..."), or null. */
    private static String coerced(String message) {
        java.util.regex.Matcher m = COERCED.matcher(String.valueOf(message));
        return m.find() ? Problems.shown(m.group(1)) : null;
    }

    private static int depthLimit(String message) {
        return Integer.parseInt(message.substring(NESTS.length()).split(" ")[0]);
    }

    private static Throwable rootOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestShapeFilter.BodyTooLargeException) {
                return t;
            }
        }
        return e;
    }

    /**
     * A change refused before its endpoint ran (unreadable, too large, too deep) goes to the audit
     * like every other refused change, bounded (the audit keeps the refusal, never the body).
     */
    private void auditRefusal(WebRequest request, ProblemDetail p) {
        if (!(request instanceof ServletWebRequest web) || request.getUserPrincipal() == null) {
            return;
        }
        HttpServletRequest r = web.getRequest();
        String method = r.getMethod();
        if (!(method.equals("POST") || method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH"))
                || r.getRequestURI().endsWith("/plans/dry-run")) {
            return;
        }
        audit.record(request.getUserPrincipal().getName(), "request.refused", method + " " + r.getRequestURI(), "refused",
                p.getStatus() + " " + p.getDetail());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }

    private static ProblemDetail withErrors(ProblemDetail p, List<FieldError> errors) {
        return Problems.withErrors(p, errors);
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
            return "a value";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean (true or false)";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object (" + type.getSimpleName() + ")";
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + Problems.shown(s) + "\"" : Problems.shown(String.valueOf(value));
    }

    static String joined(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }
}
