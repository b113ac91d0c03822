package io.unitize.db;

import java.util.concurrent.atomic.LongAdder;

/**
 * Statements the write guard audited, framework-free (a starter binds them to Micrometer): how many
 * were accepted and how many were refused for each {@link UnitWriteRefusedException.Reason}.
 */
public final class GuardCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder[] refused = new LongAdder[UnitWriteRefusedException.Reason.values().length];

    public GuardCounters() {
        for (int i = 0; i < refused.length; i++) {
            refused[i] = new LongAdder();
        }
    }

    public void accepted() {
        accepted.increment();
    }

    public void refused(UnitWriteRefusedException.Reason reason) {
        refused[reason.ordinal()].increment();
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long refusedCount(UnitWriteRefusedException.Reason reason) {
        return refused[reason.ordinal()].sum();
    }
}
