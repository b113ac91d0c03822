package io.unitize.gateway;

/** What a gateway does with a request that carries no buyerId. */
public enum NoBuyerPolicy {
    /** Serve it with this unit's local routes. */
    LOCAL,
    /** Send it to the center unit's gateway (served locally in the center). */
    CENTER
}
