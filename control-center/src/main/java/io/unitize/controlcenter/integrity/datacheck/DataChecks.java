package io.unitize.controlcenter.integrity.datacheck;

import io.unitize.controlcenter.integrity.lag.UnitConnector;
import io.unitize.core.SlotRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Runs data checks one at a time on a thread of their own (at most {@value #QUEUE} waiting), each
 * stored when it starts and when it ends. Framework-free.
 */
public final class DataChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataChecks.class);
    static final int QUEUE = 16;
    private static final int MAX_RANGES = 64;
    private static final int MAX_TABLES = 64;

    private final DataCheckRepository repository;
    private final UnitConnector connector;
    private final Set<String> units;
    private final IntSupplier slotCount;
    private final CheckLimits limits;
    private final Clock clock;
    private final Consumer<DataCheck> onFinished;
    private final ThreadPoolExecutor executor;

    public DataChecks(DataCheckRepository repository, UnitConnector connector, Set<String> units, IntSupplier slotCount,
                      CheckLimits limits, Clock clock, Consumer<DataCheck> onFinished) {
        this.repository = repository;
        this.connector = connector;
        this.units = Set.copyOf(units);
        this.slotCount = slotCount;
        this.limits = limits;
        this.clock = clock;
        this.onFinished = onFinished;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "unitize-data-check");
            t.setDaemon(true);
            return t;
        });
    }

    public CheckLimits limits() {
        return limits;
    }

    /**
     * Checks the request and queues the check; returns it as stored (RUNNING).
     *
     * @throws InvalidDataCheckException naming the field, when the request is wrong or too many checks wait
     */
    public DataCheck submit(DataCheckRequest request, String requestedBy) {
        validate(request);
        DataCheck check = new DataCheck("dc-" + UUID.randomUUID(), request.cutoverId(), requestedBy, request.reason(),
                request.sourceUnit(), request.targetUnit(), request.ranges(),
                request.tables().stream().map(TableSpec::name).toList(), DataCheckStatus.RUNNING, clock.instant(), null, 0,
                List.of(), null);
        synchronized (executor) {
            if (executor.getQueue().remainingCapacity() == 0) {
                throw new InvalidDataCheckException("body", QUEUE + " data checks are waiting already; ask again when "
                        + "GET /api/v1/data-checks shows fewer running");
            }
            repository.save(check);
            try {
                executor.execute(() -> run(check, request));
            } catch (RejectedExecutionException e) {
                DataCheck failed = check.finished(DataCheckStatus.FAILED, clock.instant(), 0, List.of(), "not run: the control center is stopping");
                repository.save(failed);
                return failed;
            }
        }
        return check;
    }

    /** Stores a check that was not run (a cutover without configured tables), so the cutover shows why. */
    public DataCheck skipped(String cutoverId, String source, String target, List<SlotRange> ranges, String why) {
        DataCheck c = new DataCheck("dc-" + UUID.randomUUID(), cutoverId, "control-center", why, source, target, ranges, List.of(),
                DataCheckStatus.SKIPPED, clock.instant(), clock.instant(), 0, List.of(), why);
        repository.save(c);
        return c;
    }

    /** Marks the checks that a stopped control center left running (call once at startup). */
    public void interruptLeftovers() {
        for (DataCheck c : repository.running()) {
            repository.save(c.finished(DataCheckStatus.INTERRUPTED, clock.instant(), c.rowsRead(), c.results(),
                    "the control center stopped during the check; run it again with POST /api/v1/data-checks"));
        }
    }

    private void validate(DataCheckRequest r) {
        if (r.sourceUnit() == null || !units.contains(r.sourceUnit())) {
            throw new InvalidDataCheckException("sourceUnit", "must be a unit with a database " + units + ", but was " + r.sourceUnit());
        }
        if (r.targetUnit() == null || !units.contains(r.targetUnit())) {
            throw new InvalidDataCheckException("targetUnit", "must be a unit with a database " + units + ", but was " + r.targetUnit());
        }
        if (r.sourceUnit().equals(r.targetUnit())) {
            throw new InvalidDataCheckException("targetUnit", "must differ from sourceUnit (" + r.sourceUnit() + ")");
        }
        int max = slotCount.getAsInt() - 1;
        if (r.ranges().isEmpty() || r.ranges().size() > MAX_RANGES) {
            throw new InvalidDataCheckException("ranges", "must name 1 to " + MAX_RANGES + " slot ranges, but named " + r.ranges().size());
        }
        for (int i = 0; i < r.ranges().size(); i++) {
            SlotRange s = r.ranges().get(i);
            if (s.from() < 0 || s.to() > max || s.from() > s.to()) {
                throw new InvalidDataCheckException("ranges[" + i + "]", "must be within 0.." + max + " with from <= to, but was "
                        + s.from() + "-" + s.to());
            }
        }
        if (r.tables().isEmpty() || r.tables().size() > MAX_TABLES) {
            throw new InvalidDataCheckException("tables", "must name 1 to " + MAX_TABLES + " tables (none configured under "
                    + "unitize.control-center.integrity.data-check.tables?), but named " + r.tables().size());
        }
        if (r.reason() != null && r.reason().length() > 500) {
            throw new InvalidDataCheckException("reason", "must be at most 500 characters, but had " + r.reason().length());
        }
    }

    private void run(DataCheck check, DataCheckRequest request) {
        List<TableResult> results = new ArrayList<>();
        Pacer pacer = Pacer.realTime(limits.rowsPerSecond());
        TableComparator comparator = new TableComparator(limits, slotCount.getAsInt(), pacer,
                n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
        DataCheck end;
        try (Connection source = connector.connect(request.sourceUnit()); Connection target = connector.connect(request.targetUnit())) {
            source.setAutoCommit(true);
            target.setAutoCommit(true);
            for (TableSpec t : request.tables()) {
                results.add(comparator.compare(source, target, t, request.ranges()));
            }
            boolean failed = results.stream().anyMatch(r -> r.error() != null);
            boolean differs = results.stream().anyMatch(r -> !r.matches() && r.error() == null);
            end = check.finished(failed ? DataCheckStatus.FAILED : differs ? DataCheckStatus.MISMATCH : DataCheckStatus.MATCH,
                    clock.instant(), pacer.rows(), results, failed ? results.stream().filter(r -> r.error() != null)
                            .map(TableResult::error).findFirst().orElse(null) : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = check.finished(DataCheckStatus.INTERRUPTED, clock.instant(), pacer.rows(), results, "the control center is stopping");
        } catch (Exception e) {
            end = check.finished(DataCheckStatus.FAILED, clock.instant(), pacer.rows(), results, String.valueOf(e.getMessage()));
        }
        repository.save(end);
        switch (end.status()) {
            case MATCH -> log.info("UNITIZE-CC-210 data check {} ({} -> {}, slots {}{}): every row matches, {} rows read per side, {} rows/s",
                    end.id(), end.sourceUnit(), end.targetUnit(), end.ranges(), end.cutoverId() == null ? "" : ", cutover " + end.cutoverId(),
                    end.rowsRead(), end.rowsPerSecond());
            case MISMATCH -> log.warn("UNITIZE-CC-211 data check {} ({} -> {}, slots {}{}): rows differ: {}. Next: GET /api/v1/data-checks/{} "
                            + "names the keys; repair them from the unit that owns the slots",
                    end.id(), end.sourceUnit(), end.targetUnit(), end.ranges(), end.cutoverId() == null ? "" : ", cutover " + end.cutoverId(),
                    end.results().stream().filter(r -> !r.matches()).map(r -> r.table() + " " + r.differences().stream().limit(5)
                            .map(d -> d.key() + " " + d.kind()).toList()).toList(), end.id());
            default -> log.warn("UNITIZE-CC-212 data check {} ({} -> {}) ended {}: {}. Next: fix the cause and run it again "
                    + "(POST /api/v1/data-checks)", end.id(), end.sourceUnit(), end.targetUnit(), end.status(), end.error());
        }
        onFinished.accept(end);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
