package io.unitize.id;

/** The segment store (the unit's database) or the ID service cannot be reached, and no buffered ID is left. */
public class IdServiceUnavailableException extends IllegalStateException {

    public IdServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
