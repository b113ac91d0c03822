package io.unitize.mq;

/** The user properties Unitize puts on a message; the replicator keeps all of them. */
public final class UnitMessageProperties {

    /** The buyer the message belongs to (decimal). */
    public static final String BUYER_ID = "UNITIZE_BUYER_ID";
    /** The unit where the message was first produced. */
    public static final String ORIGIN_UNIT = "UNITIZE_ORIGIN_UNIT";
    /** Optional monotonically increasing business version (decimal), for the idempotency helper. */
    public static final String VERSION = "UNITIZE_VERSION";
    /** On a replicated copy: the message id in the origin unit's broker (duplicates are dropped by it). */
    public static final String ORIGIN_MSG_ID = "UNITIZE_ORIGIN_MSG_ID";
    /** On a replicated copy: the unit whose broker it was copied from (a copy is never replicated again). */
    public static final String REPLICATED_FROM = "UNITIZE_REPLICATED_FROM";

    private UnitMessageProperties() {
    }
}
