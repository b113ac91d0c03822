package io.unitize.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The explicit, audited way for a job to write unit tables without a buyer (clean-ups,
 * migrations): only tables the configuration lists as maintenance tables, only inside the scope,
 * and every opening is logged with its reason (UNITIZE-DB-030). Freezes and other units' buyers are
 * still refused when the SQL shows a buyer.
 *
 * <pre>{@code
 * try (var job = MaintenanceWrites.open("purge expired carts", "cart")) {
 *     jdbc.update("DELETE FROM cart WHERE expires_at < ?", cutoff);
 * }
 * }</pre>
 */
public final class MaintenanceWrites {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceWrites.class);
    private static final ThreadLocal<Set<String>> OPEN = new ThreadLocal<>();

    private MaintenanceWrites() {
    }

    public static WriteHint.Scope open(String reason, String... tables) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a maintenance write needs a reason (it is audited)");
        }
        Set<String> previous = OPEN.get();
        Set<String> names = Set.of(tables).stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        OPEN.set(names);
        log.warn("UNITIZE-DB-030 maintenance writes without buyer opened on {} by thread {}: {}", names, Thread.currentThread().getName(), reason);
        return () -> {
            if (previous == null) {
                OPEN.remove();
            } else {
                OPEN.set(previous);
            }
            log.info("UNITIZE-DB-031 maintenance writes on {} closed: {}", names, reason);
        };
    }

    static boolean isOpenFor(String table) {
        Set<String> open = OPEN.get();
        return open != null && open.contains(table);
    }
}
