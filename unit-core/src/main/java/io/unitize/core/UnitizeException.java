package io.unitize.core;

/** Base of every typed refusal raised by Unitize. The message says what was refused, why and what to do. */
public class UnitizeException extends RuntimeException {

    public UnitizeException(String message) {
        super(message);
    }

    public UnitizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
