package io.unitize.jobs.timeout;

import io.unitize.core.UnitizeException;

import java.util.Set;

/** A task names a callback this process does not know: refused at registration, nothing stored. */
public class UnknownTimeoutCallbackException extends UnitizeException {
    public UnknownTimeoutCallbackException(String callback, Set<String> known) {
        super("UNITIZE-JOB-032 timeout task refused: no callback named '" + callback + "' is registered (known: " + known
                + "); nothing was stored. Next: register it (a TimeoutCallback bean of that name) or fix the name");
    }
}
