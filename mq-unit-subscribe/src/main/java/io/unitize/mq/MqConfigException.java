package io.unitize.mq;

import io.unitize.core.UnitizeException;

/** Bad MQ configuration (missing topic, unknown mode, no listener): fails startup naming it. */
public class MqConfigException extends UnitizeException {

    public MqConfigException(String message) {
        super("UNITIZE-MQ-001 " + message);
    }
}
