package io.unitize.core.nacos;

import io.unitize.core.UnitRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The publications of {@link RulesPublisher#publish(UnitRules, Set)} to the units not waited for: each
 * unit's read, checks and write run in the background, with the same steps (and the same stale and
 * index checks) as for the units waited for; the outcome is logged (UNITIZE-RULE-022, -021, -026),
 * never thrown, and kept in the publisher's failing units.
 */
final class BackgroundPublication {

    private static final Logger log = LoggerFactory.getLogger(RulesPublisher.class); // the publisher's lines, as before

    private final RulesPublisher publisher;
    private final ExecutorService io;
    private final Set<String> failing;
    private final AtomicInteger running = new AtomicInteger();

    BackgroundPublication(RulesPublisher publisher, ExecutorService io, Set<String> failing) {
        this.publisher = publisher;
        this.io = io;
        this.failing = failing;
    }

    /** Starts publishing {@code rules} (as {@code json}) to {@code unit}; returns at once. */
    void start(String unit, UnitRules rules, String json) {
        running.incrementAndGet();
        CompletableFuture.runAsync(() -> publishAlone(unit, rules, json), io).whenComplete((v, e) -> running.decrementAndGet());
    }

    /** Publications started that are still being tried. */
    int running() {
        return running.get();
    }

    /** One unit's read, checks and write; logs the outcome. */
    private void publishAlone(String unit, UnitRules rules, String json) {
        String failure;
        try {
            String content = publisher.readAtLeastOwnLast(unit);
            if (!publisher.needsWrite(unit, content, rules, json, newer -> log.warn("UNITIZE-RULE-026 rules version {} not "
                    + "written to {} (not waited for): its Nacos has version {}. Next: nothing; a newer publication replaces it",
                    rules.version(), unit, newer))) {
                failing.remove(unit);
                return;
            }
            failure = publisher.write(unit, rules, json, content);
        } catch (RuntimeException e) {
            failure = e instanceof RulesPublishException rp && rp.failures().containsKey(unit) ? rp.failures().get(unit) : e.getMessage();
        }
        if (failure == null) {
            failing.remove(unit);
            log.info("UNITIZE-RULE-022 rules version {} published to [{}] (not waited for) by {}: {}", rules.version(), unit,
                    rules.author(), rules.reason());
        } else {
            failing.add(unit);
            log.warn("UNITIZE-RULE-021 rules version {} not published to [{}] (not waited for): {}. Next: publish again "
                    + "when that unit's Nacos is reachable", rules.version(), unit, failure);
        }
    }
}
