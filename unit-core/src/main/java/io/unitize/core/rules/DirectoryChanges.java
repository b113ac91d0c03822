package io.unitize.core.rules;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitDirectoryListener;

/** A {@link RulesListener} that tells a {@link UnitDirectoryListener} only when the unit directory changes. */
final class DirectoryChanges implements RulesListener {

    private final String unit;
    private final UnitDirectoryListener listener;
    private UnitDirectory.Local last; // guarded by the subscriber's apply lock

    DirectoryChanges(String unit, UnitDirectoryListener listener) {
        this.unit = unit;
        this.listener = listener;
    }

    @Override
    public void apply(RulesSnapshot snapshot) throws Exception {
        UnitDirectory.Local next = snapshot.directory().seenFrom(unit);
        if (next.sameAs(last)) {
            return;
        }
        listener.changed(last, next);
        last = next;
    }

    @Override
    public String toString() {
        return "unit directory listener " + listener;
    }

}
