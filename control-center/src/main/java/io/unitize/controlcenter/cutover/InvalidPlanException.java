package io.unitize.controlcenter.cutover;

import io.unitize.core.UnitizeException;

import java.util.List;
import java.util.stream.Collectors;

/** A plan was refused before anything was published; {@link #errors()} names every wrong field. */
public class InvalidPlanException extends UnitizeException {

    private final List<FieldError> errors;

    public InvalidPlanException(List<FieldError> errors) {
        super("plan refused: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidPlanException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
