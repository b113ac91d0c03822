package io.unitize.controlcenter.cutover;

/** The three ways an operator says what should move. */
public enum PlanType {
    /** "Move slots a..b to unit Y": the source units come from the routing table in force. */
    MOVE_SLOTS,
    /** "This is the routing table I want": every range that changes unit moves. */
    TARGET_ROUTES,
    /** "Unit X is lost: give all its slots to unit Y". */
    FAILOVER_UNIT
}
