package io.unitize.db;

/**
 * The buyer of the statements run in a scope on this thread, for writes whose SQL does not show it
 * (the MyBatis interceptor sets it from a mapper's {@code @UnitKey} parameter). Without an explicit
 * hint the guard uses {@link io.unitize.core.UnitContext}'s buyer.
 */
public final class WriteHint {

    private static final ThreadLocal<Long> HINT = new ThreadLocal<>();

    private WriteHint() {
    }

    /** Sets the hint until the returned scope is closed (restoring the previous one). */
    public static Scope buyer(long buyerId) {
        Long previous = HINT.get();
        HINT.set(buyerId);
        return () -> {
            if (previous == null) {
                HINT.remove();
            } else {
                HINT.set(previous);
            }
        };
    }

    /** The explicit hint, or else the UnitContext's buyer, or null. */
    public static Long current() {
        Long h = HINT.get();
        if (h != null) {
            return h;
        }
        var ctx = io.unitize.core.UnitContext.buyerId();
        return ctx.isPresent() ? ctx.getAsLong() : null;
    }

    /** Closing ends the hint; no checked exception. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
