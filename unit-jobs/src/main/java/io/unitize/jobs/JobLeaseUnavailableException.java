package io.unitize.jobs;

import io.unitize.core.UnitizeException;

/** The lease store (the unit's database) could not be reached: the fire is skipped, not run unguarded. */
public class JobLeaseUnavailableException extends UnitizeException {
    public JobLeaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
