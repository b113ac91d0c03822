package io.unitize.gateway.spring;

/** The gateway's configuration cannot work; startup stops and {@link GatewayConfigFailureAnalyzer} says what to change. */
public class GatewayConfigException extends IllegalStateException {

    private final String action;

    public GatewayConfigException(String problem, String action) {
        super("UNITIZE-GW-001 " + problem);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
