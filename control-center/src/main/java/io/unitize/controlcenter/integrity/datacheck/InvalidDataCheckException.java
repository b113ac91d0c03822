package io.unitize.controlcenter.integrity.datacheck;

import io.unitize.core.UnitizeException;

/** A data-check request refused: {@code field} names what is wrong. Nothing was started. */
public class InvalidDataCheckException extends UnitizeException {

    private final String field;

    public InvalidDataCheckException(String field, String message) {
        super("data check refused: " + field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
