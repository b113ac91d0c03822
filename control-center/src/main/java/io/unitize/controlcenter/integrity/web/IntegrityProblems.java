package io.unitize.controlcenter.integrity.web;

import io.unitize.controlcenter.integrity.datacheck.InvalidDataCheckException;
import io.unitize.controlcenter.integrity.lag.ReplicationLagException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** The integrity refusals as RFC 7807 problems (before the API's general handler). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IntegrityProblems {

    static final String TYPE = "https://unitize.io/problems/";

    /** 409 replication-lag: the lag, the bound and the direction. */
    @ExceptionHandler(ReplicationLagException.class)
    ProblemDetail lag(ReplicationLagException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "replication-lag", "Replication behind", e.getMessage());
        p.setProperty("source", e.lag().source());
        p.setProperty("target", e.lag().target());
        p.setProperty("lagMillis", e.lag().lagMillis());
        p.setProperty("maxLagMillis", e.maxLagMillis());
        return p;
    }

    /** 400 invalid-data-check naming the field. */
    @ExceptionHandler(InvalidDataCheckException.class)
    ProblemDetail invalidCheck(InvalidDataCheckException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-data-check", "Invalid data check", e.getMessage());
        p.setProperty("field", e.field());
        p.setProperty("errors", java.util.List.of(java.util.Map.of("field", e.field(), "message", e.getMessage())));
        return p;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE + type));
        p.setTitle(title);
        return p;
    }
}
