package io.unitize.db.shardingsphere;

import org.apache.shardingsphere.infra.binder.context.statement.SQLStatementContext;

import java.util.List;

/**
 * The hint's buyer, to be added as a condition to the one statement the auditor just accepted on
 * that understanding. Handed from {@link UnitWriteAuditor} to {@link BuyerPinRewriter} on the
 * executing thread (ShardingSphere audits and then rewrites each execution on the same thread);
 * the rewriter refuses to run a statement whose pin it cannot apply.
 */
record BuyerPin(SQLStatementContext statement, List<Edit> edits) {

    /** Replace {@code length} characters at {@code at} (0: insert) with {@code text}. */
    record Edit(int at, int length, String text) {
    }

    private static final ThreadLocal<BuyerPin> PENDING = new ThreadLocal<>();

    static void clear() {
        PENDING.remove();
    }

    static void set(BuyerPin pin) {
        PENDING.set(pin);
    }

    static BuyerPin take() {
        BuyerPin p = PENDING.get();
        PENDING.remove();
        return p;
    }
}
