package io.unitize.controlcenter.web;

import io.unitize.controlcenter.cutover.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The API's RFC 7807 problem documents: {@code type} https://unitize.io/problems/…, {@code title},
 * {@code status}, {@code detail} (what was refused and why), {@code field} (the first wrong field)
 * and {@code errors} (each {@code field} with its {@code message}).
 */
final class Problems {

    static final String TYPE = "https://unitize.io/problems/";

    private Problems() {
    }

    static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE + type));
        p.setTitle(title);
        return p;
    }

    static ProblemDetail withErrors(ProblemDetail p, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            p.setProperty("field", errors.get(0).field());
        }
        p.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return p;
    }

    static ProblemDetail withField(ProblemDetail p, String field, String message) {
        return withErrors(p, List.of(new FieldError(field, message)));
    }

    /** A value echoed in a refusal, cut to a readable length. */
    static String shown(String value) {
        return value == null || value.length() <= 64 ? value : value.substring(0, 64) + "… (" + value.length() + " characters)";
    }

    /** The request path as the problem's {@code instance}, cut to a sane length and to what a URI may hold. */
    static String pathOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path == null || path.length() > 256) {
            path = path == null ? "/" : path.substring(0, 256);
        }
        try {
            URI.create(path);
            return path;
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
