package io.unitize.db;

/** How a table lives across units (see DESIGN.md, "Databases"). */
public enum TableKind {
    /** Has a buyer column; lives in every unit and replicates both ways; written only for buyers homed here. */
    UNIT,
    /** Lives only in the center; written only in the center. */
    CENTER,
    /** Written only in the center, replicated one way to the units and read there. */
    CENTER_UNIT
}
