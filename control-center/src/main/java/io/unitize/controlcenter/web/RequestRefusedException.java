package io.unitize.controlcenter.web;

import org.springframework.http.HttpStatus;

/** A request refused at the door for its shape (too large, too deep), before anything read its content. */
public class RequestRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    RequestRefusedException(HttpStatus status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }

    static RequestRefusedException tooLarge(long limit) {
        return new RequestRefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "body",
                "is larger than " + limit + " bytes (unitize.control-center.api.max-body-size)");
    }

    static RequestRefusedException tooDeep(int limit) {
        return new RequestRefusedException(HttpStatus.BAD_REQUEST, "body",
                "nests objects and arrays deeper than " + limit + " levels (unitize.control-center.api.max-json-depth)");
    }
}
