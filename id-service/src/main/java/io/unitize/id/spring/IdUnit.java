package io.unitize.id.spring;

/**
 * The unit the ID service issues for and its index: the code is {@code unitize.unit} (the process's
 * one unit), the index is {@code units[].index} of that unit in the rules document. Resolved once at
 * startup by {@link IdServiceAutoConfiguration}; the deprecated {@code unitize.id.unit} and
 * {@code unitize.id.unit-index} are checked against them.
 */
public record IdUnit(String code, int index) {
}
