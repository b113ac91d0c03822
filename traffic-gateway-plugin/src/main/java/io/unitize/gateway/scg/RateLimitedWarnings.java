package io.unitize.gateway.scg;

import org.slf4j.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warnings that load can repeat thousands of times a second (an overloaded or unreachable next
 * hop): each line (told apart by its template) is logged at most once a minute, with how many
 * were left out since; the others go to debug. The counters count every one.
 */
final class RateLimitedWarnings {

    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private final Logger log;
    private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> suppressed = new ConcurrentHashMap<>();

    RateLimitedWarnings(Logger log) {
        this.log = log;
    }

    void warn(String template, Object... args) {
        AtomicLong at = last.computeIfAbsent(template, k -> new AtomicLong(Long.MIN_VALUE));
        AtomicLong left = suppressed.computeIfAbsent(template, k -> new AtomicLong());
        long now = System.nanoTime();
        long prev = at.get();
        if ((prev == Long.MIN_VALUE || now - prev > INTERVAL_NANOS) && at.compareAndSet(prev, now)) {
            long n = left.getAndSet(0);
            log.warn(n == 0 ? template : template + " (" + n + " more such lines left out in the last minute)", args);
        } else {
            left.incrementAndGet();
            if (log.isDebugEnabled()) {
                log.debug(template, args);
            }
        }
    }
}
