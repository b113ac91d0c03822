package io.unitize.mq;

/** What a consumer does with one message, decided from its properties and the rules snapshot. */
public enum ConsumeDecision {
    /** Call the listener. */
    CONSUME,
    /** UNIT mode: the buyer is homed in another unit; acknowledged without calling the listener. */
    SKIP_NOT_HOME,
    /** CENTER mode (or a buyer-less UNIT message going to the center) in a unit that is not the center. */
    SKIP_NOT_CENTER,
    /** NORMAL mode: a copy replicated from another unit (consumed where it was produced). */
    SKIP_REPLICA,
    /** UNIT mode, no buyerId, dead-letter policy: this (origin) unit sends it to the dead-letter topic. */
    DEAD_LETTER,
    /** UNIT mode, no buyerId, dead-letter policy: another unit dead-letters it. */
    SKIP_DEAD_LETTERED_ELSEWHERE
}
