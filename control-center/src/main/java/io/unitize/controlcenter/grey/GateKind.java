package io.unitize.controlcenter.grey;

/** The gates a wave passes before the next one starts, in this order. */
public enum GateKind {
    /** The data check of the wave's slots (source vs target) finds no difference. */
    DATA_CHECK,
    /** Replication lag between the plan's units, both directions, is under the bound. */
    REPLICATION_LAG,
    /** A soak time in which the mis-route audit finds no write of the plan's slots by a unit that did not own them. */
    SOAK,
    /** An operator approves ({@code POST /api/v1/grey-plans/{id}/approve}). */
    APPROVAL
}
