package io.unitize.core;

/**
 * Told when a rules version changes the unit directory ({@code units[]}: the center, an index, an
 * endpoint, a unit added or removed); versions that change only routes or freezes are not told.
 * Called on the thread that applies the version, before it is reported as applied: reconnect
 * quickly or hand the work to a thread of your own. Throwing keeps the previous rules version in force.
 */
@FunctionalInterface
public interface UnitDirectoryListener {

    /** {@code previous} is null the first time (the directory in force when the listener was added). */
    void changed(UnitDirectory.Local previous, UnitDirectory.Local current) throws Exception;
}
