package io.unitize.core;

/** The role of a unit: exactly one CENTER (also hosts center-only services and data), the rest UNIT. */
public enum UnitRole {
    CENTER,
    UNIT
}
