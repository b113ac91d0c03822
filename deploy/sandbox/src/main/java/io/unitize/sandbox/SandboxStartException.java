package io.unitize.sandbox;

/**
 * A server of the sandbox did not come up; the message names it, says why and where its log is.
 * {@link #isRetryable()} tells whether starting it again from a clean state may succeed (it died
 * or was not ready in time) or not (a missing binary or classpath, an unusable folder).
 */
public class SandboxStartException extends RuntimeException {

    private final boolean retryable;

    public SandboxStartException(String message) {
        this(message, null, false);
    }

    public SandboxStartException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public SandboxStartException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A failure of this start only (the process died or was slow), not of the setup. */
    public boolean isRetryable() {
        return retryable;
    }
}
