package io.unitize.rpc;

import io.unitize.core.UnitizeConfigException;

/** Routing cannot be set up as configured (UNITIZE-RPC-002: an @HARoute service in an application without a unit). */
public class RpcConfigException extends UnitizeConfigException {

    public RpcConfigException(String message, String action) {
        super(message, action);
    }
}
