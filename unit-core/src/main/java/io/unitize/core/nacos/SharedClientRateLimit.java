package io.unitize.core.nacos;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the {@link RulesSubscriber}s of one channel living in this JVM, because they share a budget
 * of the Nacos client's: it lets through at most {@code limitTime} (system property, stock 5) identical
 * requests per second per JVM (its static {@code Limiter}, keyed by the request's class and JSON, which
 * names the data id, group, namespace and MD5 but not the server). Every subscriber of a channel sends
 * the same listen check after each publication, so with more subscribers in one process than that
 * budget the later ones wait for a permit (up to 1 s a try, then the client retries): a publication
 * reaches the last of N of them about (N - limit) / limit seconds late, and a cutover's
 * acknowledgement rounds wait for it. One agent per process never meets this; several in one JVM
 * (tests, benchmarks, an application running several agents) do, and are told so once
 * (UNITIZE-RULE-018).
 */
final class SharedClientRateLimit {

    private static final Logger log = LoggerFactory.getLogger(SharedClientRateLimit.class);
    /** The Nacos client's property and its default (nacos-client 3.0: {@code com.alibaba.nacos.client.config.impl.Limiter}). */
    static final String PROPERTY = "limitTime";
    static final double STOCK_PER_SECOND = 5.0;

    private static final Map<String, Integer> LIVE = new ConcurrentHashMap<>();

    private SharedClientRateLimit() {
    }

    /** The per-JVM limit the Nacos client uses: the property if it parses as a positive number, else its stock 5. */
    static double perSecond(String propertyValue) {
        if (propertyValue == null) {
            return STOCK_PER_SECOND;
        }
        try {
            double v = Double.parseDouble(propertyValue.trim());
            return v > 0 && Double.isFinite(v) ? v : STOCK_PER_SECOND;
        } catch (NumberFormatException e) {
            return STOCK_PER_SECOND; // the client falls back to its default too ("init limitTime fail")
        }
    }

    /** A subscriber of {@code channel} started; warns when this one is the first past the shared budget. */
    static int opened(String channel) {
        int live = LIVE.merge(channel, 1, Integer::sum);
        double limit = perSecond(System.getProperty(PROPERTY));
        if (firstPast(live, limit)) {
            log.warn("UNITIZE-RULE-018 {} rules subscribers of {} now run in this JVM, more than the Nacos client lets through "
                    + "identical requests per second per JVM ({}={}): after each publication the later subscribers wait for a "
                    + "permit, the last about {} s, and a cutover waits for their acknowledgements. Next: run one agent per "
                    + "process, or start this JVM with -D{}={} or more", live, channel, PROPERTY, fmt(limit),
                    fmt(Math.max(0, (live - limit) / limit)), PROPERTY, (int) Math.ceil(STOCK_PER_SECOND * live));
        }
        return live;
    }

    /** A subscriber of {@code channel} closed. */
    static int closed(String channel) {
        Integer left = LIVE.computeIfPresent(channel, (k, n) -> n <= 1 ? null : n - 1);
        return left == null ? 0 : left;
    }

    /** Whether {@code live} subscribers are the first count over {@code limit} per second (warned once per crossing). */
    static boolean firstPast(int live, double limit) {
        return live > limit && live - 1 <= limit;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
