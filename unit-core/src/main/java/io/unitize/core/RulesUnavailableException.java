package io.unitize.core;

/** No valid rules document has been applied yet (Nacos unreachable at start and no local snapshot). */
public class RulesUnavailableException extends UnitizeException {

    public RulesUnavailableException(String message) {
        super(message);
    }
}
