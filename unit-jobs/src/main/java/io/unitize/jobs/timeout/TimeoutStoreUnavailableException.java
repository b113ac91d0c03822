package io.unitize.jobs.timeout;

import io.unitize.core.UnitizeException;

/** The unit's database could not be reached for the timeout center. */
public class TimeoutStoreUnavailableException extends UnitizeException {
    public TimeoutStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
