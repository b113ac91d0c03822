package io.unitize.core;

/**
 * {@code units[]} gives a unit no endpoint of a kind that something needs. A gap in the rules
 * document, not a failure of the network: trying again changes nothing until an operator adds the
 * endpoint, so whoever retries on errors should stop at this one.
 */
public class MissingUnitEndpointException extends UnitizeException {

    private final String unit;
    private final String endpoint;

    /**
     * @param what    the endpoint in words, e.g. "RocketMQ name server"
     * @param purpose what needs it, e.g. "a replay request"
     */
    public MissingUnitEndpointException(String unit, String endpoint, String what, String purpose) {
        super("UNITIZE-RULE-090 unit " + unit + " has no " + what + ": give it a \"" + endpoint + "\" endpoint in units[] of the"
                + " rules document (PUT /api/v1/rules); " + purpose + " needs it");
        this.unit = unit;
        this.endpoint = endpoint;
    }

    public String unit() {
        return unit;
    }

    /** The endpoint's name in units[], e.g. {@link UnitEndpoints#ROCKETMQ}. */
    public String endpoint() {
        return endpoint;
    }
}
