package io.unitize.controlcenter.cutover;

import io.unitize.core.UnitizeException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plan was refused before anything was published; {@link #errors()} names every wrong field (the
 * first {@link #MAX_ERRORS}, then how many more: a table of 10,000 wrong ranges is not echoed whole).
 */
public class InvalidPlanException extends UnitizeException {

    public static final int MAX_ERRORS = 20;

    private final List<FieldError> errors;

    public InvalidPlanException(List<FieldError> errors) {
        this(bounded(errors), true);
    }

    private InvalidPlanException(List<FieldError> errors, boolean bounded) {
        super("plan refused: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = errors;
    }

    public InvalidPlanException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static List<FieldError> bounded(List<FieldError> errors) {
        if (errors.size() <= MAX_ERRORS) {
            return List.copyOf(errors);
        }
        List<FieldError> first = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        first.add(new FieldError(errors.get(MAX_ERRORS).field(), "and " + (errors.size() - MAX_ERRORS) + " more errors"));
        return List.copyOf(first);
    }
}
