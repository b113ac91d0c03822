package io.unitize.cache;

/** Whose Redis a table's keys are deleted from. */
public enum Scope {
    /** This unit's Redis only: the unit's own invalidator handles every change it sees, replicated or not. */
    LOCAL,
    /** Every unit's Redis: handled by the invalidator of the unit where the change was written (origin server id). */
    ALL_UNITS
}
