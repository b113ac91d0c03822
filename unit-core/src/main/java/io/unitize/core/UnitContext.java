package io.unitize.core;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The buyerId of the work this thread is doing (the route key), set at the edge (gateway filter,
 * RPC filter, MQ consumer) and read by every agent below it. Scoped and restorable:
 *
 * <pre>{@code
 * try (UnitContext.Scope ignored = UnitContext.enter(buyerId)) {
 *     orderDao.insert(order);                         // db-proxy-rules reads UnitContext.buyerId()
 *     executor.execute(UnitContext.wrap(this::audit)); // the task sees the same buyerId
 * }
 * }</pre>
 *
 * Propagation across threads is explicit: {@link #wrap(Runnable)}, {@link #wrap(Callable)} or an
 * executor from {@link #propagating(Executor)}.
 */
public final class UnitContext {

    private static final ThreadLocal<Long> BUYER = new ThreadLocal<>();

    private UnitContext() {
    }

    /** Sets the buyerId for this thread until the returned scope is closed, which restores the previous one. */
    public static Scope enter(long buyerId) {
        Long previous = BUYER.get();
        BUYER.set(buyerId);
        return new Scope(previous);
    }

    /** The current buyerId, if any. */
    public static OptionalLong buyerId() {
        Long b = BUYER.get();
        return b == null ? OptionalLong.empty() : OptionalLong.of(b);
    }

    /** The current buyerId, or a {@link UnitizeException} naming {@code what} needed it. */
    public static long requireBuyerId(String what) {
        Long b = BUYER.get();
        if (b == null) {
            throw new UnitizeException(what + " needs the buyerId, but none is set on this thread; set it with "
                    + "UnitContext.enter(buyerId) or propagate it with UnitContext.wrap(...)");
        }
        return b;
    }

    /** A runnable that runs with the buyerId current now (or with none, if none is set now). */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        Long captured = BUYER.get();
        return () -> {
            Long previous = BUYER.get();
            set(captured);
            try {
                task.run();
            } finally {
                set(previous);
            }
        };
    }

    /** A callable that runs with the buyerId current now (or with none, if none is set now). */
    public static <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Long captured = BUYER.get();
        return () -> {
            Long previous = BUYER.get();
            set(captured);
            try {
                return task.call();
            } finally {
                set(previous);
            }
        };
    }

    /** An executor whose tasks see the buyerId current at submission time. */
    public static Executor propagating(Executor delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return command -> delegate.execute(wrap(command));
    }

    /** An executor service whose tasks see the buyerId current at submission time. */
    public static ExecutorService propagating(ExecutorService delegate) {
        return new ContextPropagatingExecutorService(delegate);
    }

    private static void set(Long value) {
        if (value == null) {
            BUYER.remove();
        } else {
            BUYER.set(value);
        }
    }

    /** Restores the previous buyerId when closed. Close it on the thread that opened it. */
    public static final class Scope implements AutoCloseable {
        private final Long previous;

        private Scope(Long previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            set(previous);
        }
    }
}
