package io.unitize.mq;

/** Where the messages of a consumer group are consumed. */
public enum SubscriptionMode {
    /** In the unit where they were produced; nothing is replicated for them. */
    NORMAL,
    /** Messages of every unit are consumed only in the center unit. */
    CENTER,
    /** Messages reach every unit; each unit consumes those whose buyer is homed there. */
    UNIT,
    /** Every unit consumes every message (e.g. cache eviction). */
    ALL_UNIT
}
