package io.unitize.controlcenter.cutover;

/** One refused field of a request: {@code field} is a JSON path such as {@code routes[1].unit}. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
