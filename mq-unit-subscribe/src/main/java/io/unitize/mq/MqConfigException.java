package io.unitize.mq;

import io.unitize.core.UnitizeConfigException;

/** Bad MQ configuration (missing topic, unknown mode, no listener): fails startup naming it. */
public class MqConfigException extends UnitizeConfigException {

    static final String ACTION = "Set or fix the unitize.mq.* (or unitize.unit) property named above, as the Configuration section of mq-unit-subscribe's README shows, then start again.";

    public MqConfigException(String message) {
        super("UNITIZE-MQ-001 " + message, ACTION);
    }
}
