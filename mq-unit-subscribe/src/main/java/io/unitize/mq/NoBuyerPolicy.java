package io.unitize.mq;

/** What a UNIT-mode consumer does with a message that carries no buyerId. Never silently dropped. */
public enum NoBuyerPolicy {
    /** Consumed in the center unit only. */
    CENTER,
    /** Sent by the unit where it was produced to the dead-letter topic {@code <topic>_UNITIZE_NO_BUYER}, acknowledged elsewhere. */
    DEAD_LETTER
}
