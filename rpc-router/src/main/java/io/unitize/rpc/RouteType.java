package io.unitize.rpc;

/** Where the calls of a service go (see {@link HARoute}). */
public enum RouteType {
    /** To a provider in the buyer's home unit, never elsewhere; the first parameter of every method is {@code long buyerId}. */
    UNIT,
    /** To a provider in the center unit. */
    CENTER,
    /** To a provider in the caller's own unit; if there is none, in the center; otherwise an error. */
    DEFAULT
}
