package io.unitize.sandbox.internal;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Starts on threads of their own, not the common pool: on two cores the common pool has one
 * worker, so two starts given to it would run one after the other.
 */
public final class ConcurrentStart {

    private ConcurrentStart() {
    }

    /** {@code start} of every element at the same time; done when all are. */
    public static <T> CompletableFuture<Void> each(Collection<T> elements, Consumer<T> start) {
        return CompletableFuture.allOf(elements.stream()
                .map(e -> CompletableFuture.runAsync(() -> start.accept(e), ConcurrentStart::onOwnThread))
                .toArray(CompletableFuture[]::new));
    }

    /** {@code start} on a thread of its own. */
    public static CompletableFuture<Void> one(Runnable start) {
        return CompletableFuture.runAsync(start, ConcurrentStart::onOwnThread);
    }

    private static void onOwnThread(Runnable r) {
        Thread t = new Thread(r, "unitize-sandbox-start");
        t.setDaemon(true);
        t.start();
    }
}
