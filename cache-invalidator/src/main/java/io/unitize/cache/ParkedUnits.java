package io.unitize.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The units whose deletes no longer hold the binlog back: a unit whose Redis has failed for
 * {@code parkAfter} while it homes no buyer (a unit lost and failed over: the gateways route none of
 * its buyers to it, so nothing reads its cache). Waiting for it blocked every later batch, also the
 * surviving units' keys (the drill: the center's Redis kept cancelled orders as PLACED after unit-b
 * was lost). A parked unit's keys are kept (at most {@code maxKeys}) and tried again at most every
 * {@code retryEvery}; once they are deleted the unit is an ordinary one again. A parked unit that
 * homes buyers again is waited for as before, its kept keys first. Keys beyond {@code maxKeys} are not
 * kept: its Redis must be flushed before it homes buyers again (UNITIZE-CACHE-042). Thread-safe.
 */
public final class ParkedUnits {

    private static final Logger log = LoggerFactory.getLogger(ParkedUnits.class);

    /** Never parks (every unit is waited for, the behaviour without rules). */
    public static ParkedUnits never() {
        return new ParkedUnits(u -> false, Long.MAX_VALUE, 0, Long.MAX_VALUE, System::currentTimeMillis);
    }

    private final Predicate<String> homesNoBuyer;
    private final long parkAfterMillis;
    private final int maxKeys;
    private final long retryEveryMillis;
    private final LongSupplier clockMillis;
    private final Map<String, Long> failingSince = new LinkedHashMap<>();
    private final Map<String, Set<String>> kept = new LinkedHashMap<>();
    private final Map<String, Boolean> overflowed = new LinkedHashMap<>();
    private final Map<String, Long> triedAt = new LinkedHashMap<>();

    /**
     * @param homesNoBuyer whether the rules in force route no slot to the unit
     */
    public ParkedUnits(Predicate<String> homesNoBuyer, long parkAfterMillis, int maxKeys, long retryEveryMillis, LongSupplier clockMillis) {
        this.homesNoBuyer = homesNoBuyer;
        this.parkAfterMillis = parkAfterMillis;
        this.maxKeys = maxKeys;
        this.retryEveryMillis = retryEveryMillis;
        this.clockMillis = clockMillis;
    }

    /** A delete in {@code unit} succeeded. */
    synchronized void succeeded(String unit) {
        failingSince.remove(unit);
    }

    /**
     * A delete of {@code keys} in {@code unit} failed: whether the unit is parked now (the keys are
     * kept, the caller stops waiting for it).
     */
    synchronized boolean failedAndParked(String unit, Set<String> keys) {
        long now = clockMillis.getAsLong();
        long since = failingSince.computeIfAbsent(unit, u -> now);
        if (now - since < parkAfterMillis || !homesNoBuyer.test(unit)) {
            return false;
        }
        log.error("UNITIZE-CACHE-040 the Redis of unit {} has failed for {} ms and the unit homes no buyer: its deletes no longer hold"
                + " the binlog back (the other units' keys go on being deleted); they are kept (at most {}) and tried again every {} ms;"
                + " next: bring its Redis back, or flush it before the unit homes buyers again", unit, now - since, maxKeys, retryEveryMillis);
        keep(unit, keys);
        triedAt.put(unit, now);
        return true;
    }

    synchronized boolean isParked(String unit) {
        return kept.containsKey(unit);
    }

    /**
     * {@code pending} (unit -> keys of a plan) without the parked units: their keys join what is kept.
     * A parked unit that homes buyers again goes back into {@code pending} with everything kept for it.
     */
    synchronized void takeParked(Map<String, Set<String>> pending) {
        for (String unit : Set.copyOf(kept.keySet())) {
            if (homesNoBuyer.test(unit)) {
                Set<String> keys = pending.remove(unit);
                if (keys != null) {
                    keep(unit, keys);
                }
            } else {
                Set<String> all = new LinkedHashSet<>(kept.remove(unit));
                all.addAll(pending.getOrDefault(unit, Set.of()));
                pending.put(unit, all);
                if (Boolean.TRUE.equals(overflowed.remove(unit))) {
                    log.error("UNITIZE-CACHE-042 unit {} homes buyers again while keys of its Redis were not kept (over {}): flush its Redis;"
                            + " the kept ones are deleted first", unit, maxKeys);
                }
            }
        }
    }

    /** The parked units due for another try now (at most every {@code retryEvery}), with their kept keys. */
    synchronized Map<String, Set<String>> due() {
        long now = clockMillis.getAsLong();
        Map<String, Set<String>> due = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : kept.entrySet()) {
            if (now - triedAt.getOrDefault(e.getKey(), 0L) >= retryEveryMillis) {
                triedAt.put(e.getKey(), now);
                due.put(e.getKey(), Set.copyOf(e.getValue()));
            }
        }
        return due;
    }

    /** The kept {@code keys} of a parked unit were deleted: they are no longer kept; none left, the unit is ordinary again. */
    synchronized void deleted(String unit, Set<String> keys) {
        Set<String> k = kept.get(unit);
        if (k == null) {
            return;
        }
        k.removeAll(keys);
        if (k.isEmpty()) {
            kept.remove(unit);
            failingSince.remove(unit);
            triedAt.remove(unit);
            boolean lostSome = Boolean.TRUE.equals(overflowed.remove(unit));
            log.warn("UNITIZE-CACHE-041 the Redis of unit {} answers again: the keys kept for it are deleted, it is waited for again{}", unit,
                    lostSome ? "; keys over the limit were not kept: flush its Redis before it homes buyers (UNITIZE-CACHE-042)" : "");
        }
    }

    /** How many keys are kept for parked units. */
    public synchronized int keptKeys() {
        return kept.values().stream().mapToInt(Set::size).sum();
    }

    private void keep(String unit, Set<String> keys) {
        Set<String> k = kept.computeIfAbsent(unit, u -> new LinkedHashSet<>());
        for (String key : keys) {
            if (k.size() >= maxKeys) {
                if (overflowed.put(unit, true) == null) {
                    log.error("UNITIZE-CACHE-042 more than {} keys kept for the parked unit {}: later ones are not kept; next: flush its Redis"
                            + " before the unit homes buyers again", maxKeys, unit);
                }
                return;
            }
            k.add(key);
        }
    }
}
