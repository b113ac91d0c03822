package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drill's six invariants, checked from OUTSIDE the product: its own JDBC reads of every unit's
 * shop database (rows, the {@code written_by_server} stamps the shop's triggers set, the consumers'
 * tables), its own reads of every unit's Redis, and the control center's rules history and
 * cutovers (REST API). Nothing here calls the shop. See the module README for each rule;
 * each invariant is its own class ({@link AcknowledgedOrdersCheck}, {@link OwnerWritesCheck},
 * {@link DuplicateIdsCheck}, {@link EffectsOnceCheck}, {@link StaleReadsCheck}, {@link ClientErrorsCheck}),
 * reading through {@link ShopDatabases}.
 */
public final class Checker {

    public static final String I1 = "1 acknowledged orders present once in every unit, with items, stock reserved once";
    public static final String I2 = "2 no row written by a unit that did not own the buyer then";
    public static final String I3 = "3 no id duplicated across units";
    public static final String I4 = "4 each order event applied once per consumer mode";
    public static final String I5 = "5 no stale cache read beyond the invalidation lag";
    public static final String I6 = "6 client errors only 503+Retry-After, moving buyers, inside the freeze window";

    /** What one scenario produced, for the checker. */
    public record Run(Instant startedAt, Set<Long> buyers, List<Sample> samples, Map<Long, PlacedOrder> placed,
                      Map<Long, Long> cancelAcknowledgedAt, List<JsonNode> cutovers, long invalidationLagMillis,
                      Map<Long, long[]> salesAtStart, Map<Long, Long> salesPendingAtStart, String lostUnit, long lostAt) {

        public Run(Instant startedAt, Set<Long> buyers, List<Sample> samples, Map<Long, PlacedOrder> placed,
                   Map<Long, Long> cancelAcknowledgedAt, List<JsonNode> cutovers, long invalidationLagMillis, Map<Long, long[]> salesAtStart) {
            this(startedAt, buyers, samples, placed, cancelAcknowledgedAt, cutovers, invalidationLagMillis, salesAtStart, Map.of(), null,
                    Long.MAX_VALUE);
        }

        /**
         * The data window of an emergency failover: an order acknowledged by the lost unit no later than
         * its loss, which the surviving units do not have. Explicitly accepted (and listed), never counted
         * as a failure; an order acknowledged by any other unit, or after the loss, is not in it.
         */
        public boolean inDataWindow(PlacedOrder p) {
            return lostUnit != null && lostUnit.equals(p.servedByUnit()) && p.acknowledgedAt() <= lostAt;
        }
    }

    /** The data window found by the last check of invariant 1 (emergency failover only). */
    private final List<PlacedOrder> dataWindow = new java.util.concurrent.CopyOnWriteArrayList<>();

    public List<PlacedOrder> dataWindow() {
        return List.copyOf(dataWindow);
    }

    private final ShopDatabases shop;
    private final Duration patience;
    private final Set<Long> orphansBefore = new HashSet<>();
    private final Map<String, Map<Long, long[]>> buyerStatsOffsets = new java.util.HashMap<>();
    private final AcknowledgedOrdersCheck acknowledgedOrders;
    private final OwnerWritesCheck ownerWrites;
    private final DuplicateIdsCheck duplicateIds;
    private final EffectsOnceCheck effectsOnce;
    private final StaleReadsCheck staleReads;

    /** {@code units}: the center first; {@code patience}: how long replication and consumers may take to catch up. */
    public Checker(List<UnitEndpoint> units, Duration patience) {
        this(units, units, patience);
    }

    /**
     * {@code units}: the databases read, the center first; {@code known}: every unit of the run, also
     * one lost during it (not read: its rows written before the loss are in the others, with its server id).
     */
    public Checker(List<UnitEndpoint> units, List<UnitEndpoint> known, Duration patience) {
        this.shop = new ShopDatabases(units, known);
        this.patience = patience;
        this.acknowledgedOrders = new AcknowledgedOrdersCheck(shop, dataWindow, orphansBefore);
        this.ownerWrites = new OwnerWritesCheck(shop);
        this.duplicateIds = new DuplicateIdsCheck(shop);
        this.effectsOnce = new EffectsOnceCheck(shop, buyerStatsOffsets);
        this.staleReads = new StaleReadsCheck(shop);
    }

    /** Reservations held (RESERVED) for an order no unit has, now: take it before a scenario (an earlier scenario's are not this one's). */
    public Set<Long> orphanReservations() throws SQLException {
        return shop.orphanReservations();
    }

    /** Orphan reservations from before the scenario: not reported again. */
    public Checker ignoreOrphans(Set<Long> ids) {
        orphansBefore.addAll(ids);
        return this;
    }

    /**
     * What the buyers' stats differ from their orders by now (an earlier scenario's lost or doubled
     * effect): take it before a scenario, invariant 4 then counts only what changed during it.
     */
    public Checker baselineBuyerStats(Set<Long> buyers) throws SQLException {
        buyerStatsOffsets.putAll(EffectsOnceCheck.offsets(shop, buyers));
        return this;
    }

    /**
     * The sales totals per product (units, revenue) and the orders whose last event sales-totals has
     * not applied, with the version it has applied (0: none), read in one consistent snapshot of the
     * center's database: take it before a scenario. What those orders' events apply later is not the
     * scenario's (invariant 4 subtracts it), even when they were stuck longer than the wait before the load.
     */
    public record SalesBaseline(Map<Long, long[]> totals, Map<Long, Long> pending) {
    }

    public SalesBaseline salesBaseline() throws SQLException {
        return shop.salesBaseline();
    }

    /**
     * Every invariant; waits for replication and consumers before reporting a failure, at most the
     * patience IN ALL (one deadline for the whole check: once it has passed, a check that fails is
     * reported at once, so a scenario with several failing invariants does not wait several times).
     */
    public List<Verdict> check(Run run, RulesTimeline timeline) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Verdict> v = new ArrayList<>();
        v.add(eventually(deadline, () -> acknowledgedOrders.acknowledgedPresent(run)));
        v.add(ownerWrites.ownerWrites(run, timeline));
        v.add(eventually(deadline, () -> duplicateIds.noDuplicates(run)));
        v.add(eventually(deadline, () -> effectsOnce.effectsOnce(run, timeline)));
        v.add(staleReads.staleReads(run));
        v.add(ClientErrorsCheck.clientErrors(run, ClientErrorsCheck.firstStored(timeline)));
        return v;
    }

    /**
     * Waits (at most {@code max}) until the consumers have applied every order's last event in the
     * center ({@code sales_applied}) and every unit's replication has caught up: what a scenario's
     * snapshot of the sales totals needs (an earlier scenario's or the warm-up's event applied after
     * it would be counted as this scenario's). What stays pending unchanged for 10 s is stuck, not
     * in flight (an event lost in an earlier scenario, reported there): it is not waited for.
     * Null when quiet, else what was still pending.
     */
    public String awaitQuiet(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        String pending = shop.pending();
        String same = pending;
        long sameSince = System.nanoTime();
        while (pending != null && System.nanoTime() < deadline) {
            if (System.nanoTime() - sameSince > Duration.ofSeconds(10).toNanos()) {
                return "stuck (unchanged for 10 s, not waited for): " + pending;
            }
            Thread.sleep(500);
            pending = shop.pending();
            if (!java.util.Objects.equals(pending, same)) {
                same = pending;
                sameSince = System.nanoTime();
            }
        }
        return pending == null ? null : "not quiet after " + max.toSeconds() + " s: " + pending;
    }

    interface Check {
        Verdict run() throws Exception;
    }

    private static Verdict eventually(long deadline, Check check) throws Exception {
        Verdict last = check.run();
        while (!last.holds() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = check.run();
        }
        return last;
    }

    /** A short name for what the client saw: "201", "503+Retry-After", "503", "timeout", ... */
    public static String kind(Sample s) {
        return ClientErrorsCheck.kind(s);
    }

    /** Whether a refusal is the allowed one: 503 with Retry-After, for a buyer of a moving range, in flight during that cutover's freeze. */
    static boolean allowedRefusal(Sample s, List<JsonNode> cutovers) {
        return ClientErrorsCheck.allowedRefusal(s, cutovers);
    }

    /** When the cutover's first rules version (its freeze) was stored, or its {@code freezePublishedAt} if that is earlier or none is. */
    public static long freezeStartOf(JsonNode cutover, RulesTimeline timeline) {
        return Math.min(millisOf(cutover, "freezePublishedAt"),
                ClientErrorsCheck.firstStored(timeline).getOrDefault(cutover.path("id").asText(), Long.MAX_VALUE));
    }

    /** An instant field of a cutover as epoch milliseconds (now when it is not set yet). */
    public static long millisOf(JsonNode cutover, String field) {
        return millis(cutover.path(field), System.currentTimeMillis());
    }

    public static long millis(JsonNode instant, long otherwise) {
        return instant == null || instant.isMissingNode() || instant.isNull() ? otherwise : Instant.parse(instant.asText()).toEpochMilli();
    }
}
