package io.unitize.sandbox;

/** A server of the sandbox did not come up; the message names it, says why and where its log is. */
public class SandboxStartException extends RuntimeException {

    public SandboxStartException(String message) {
        super(message);
    }

    public SandboxStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
