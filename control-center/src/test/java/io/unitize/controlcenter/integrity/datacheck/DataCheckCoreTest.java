package io.unitize.controlcenter.integrity.datacheck;

import io.unitize.core.SlotRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pacing and the request checks of the data check (the comparison itself runs on MariaDB: IntegrityIT). */
class DataCheckCoreTest {

    @Test
    void thePacerSleepsWhileTheReaderIsAheadOfItsRate() throws Exception {
        AtomicLong now = new AtomicLong(0);
        List<Long> slept = new ArrayList<>();
        Pacer p = new Pacer(1000, now::get, n -> {
            slept.add(n);
            now.addAndGet(n);
        });
        p.consumed(500); // 500 rows at 1000/s are due at 0.5 s; it is 0 s
        assertThat(slept).containsExactly(500_000_000L);
        now.addAndGet(2_000_000_000L); // slow batch: 2 s later, 500 more are due at 1 s: behind, no sleep
        p.consumed(500);
        assertThat(slept).hasSize(1);
        assertThat(p.rows()).isEqualTo(1000);
        assertThatThrownBy(() -> new Pacer(0, now::get, n -> { })).hasMessage("rowsPerSecond must be > 0, but was 0");
    }

    @Test
    void limitsAndTableNamesAreChecked() {
        assertThatThrownBy(() -> new CheckLimits(0, 1, 1, 1, 0, Duration.ZERO)).hasMessage("batchRows must be > 0, but was 0");
        assertThatThrownBy(() -> new TableSpec("orders", "id", "buyer_id")).hasMessageContaining("schema.table");
        assertThatThrownBy(() -> new TableSpec("shop.orders`; DROP", "id", "buyer_id")).hasMessageContaining("schema.table");
        assertThatThrownBy(() -> new TableSpec("shop.orders", "id)", "buyer_id")).hasMessageContaining("keyColumn");
        assertThat(new TableSpec("shop.orders", "id", "buyer_id").quoted()).isEqualTo("`shop`.`orders`");
    }

    @Test
    void aWrongRequestIsRefusedNamingTheFieldAndStartsNothing() {
        Repo repo = new Repo();
        try (DataChecks checks = new DataChecks(repo, u -> {
            throw new AssertionError("no database is touched for a refused request");
        }, Set.of("center", "unit-b"), () -> 10_000, new CheckLimits(1000, 1000, 100, 10, 0, Duration.ZERO), Clock.systemUTC(), c -> { })) {
            List<TableSpec> t = List.of(new TableSpec("shop.orders", "id", "buyer_id"));
            List<SlotRange> r = List.of(SlotRange.of(0, 9));
            assertField(() -> checks.submit(new DataCheckRequest("nowhere", "unit-b", r, t, null, null), "op"), "sourceUnit");
            assertField(() -> checks.submit(new DataCheckRequest("center", "center", r, t, null, null), "op"), "targetUnit");
            assertField(() -> checks.submit(new DataCheckRequest("center", "unit-b", List.of(), t, null, null), "op"), "ranges");
            assertField(() -> checks.submit(new DataCheckRequest("center", "unit-b", List.of(SlotRange.of(0, 9), SlotRange.of(9000, 10_000)),
                    t, null, null), "op"), "ranges[1]");
            assertField(() -> checks.submit(new DataCheckRequest("center", "unit-b", r, List.of(), null, null), "op"), "tables");
            assertField(() -> checks.submit(new DataCheckRequest("center", "unit-b", r, t, null, "x".repeat(501)), "op"), "reason");
            assertThat(repo.saved).isEmpty();
        }
    }

    @Test
    void aCheckSkippedAfterACutoverIsStoredWithTheReason() {
        Repo repo = new Repo();
        try (DataChecks checks = new DataChecks(repo, u -> null, Set.of("center", "unit-b"), () -> 10_000,
                new CheckLimits(1000, 1000, 100, 10, 0, Duration.ZERO), Clock.systemUTC(), c -> { })) {
            DataCheck c = checks.skipped("c-1", "center", "unit-b", List.of(SlotRange.of(0, 9)), "no tables configured");
            assertThat(repo.ofCutover("c-1")).containsExactly(c);
            assertThat(c.status()).isEqualTo(DataCheckStatus.SKIPPED);
            assertThat(c.error()).isEqualTo("no tables configured");
        }
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOf(InvalidDataCheckException.class)
                .satisfies(e -> assertThat(((InvalidDataCheckException) e).field()).isEqualTo(field))
                .hasMessageStartingWith("data check refused: " + field + ": ");
    }

    private static final class Repo implements DataCheckRepository {
        final Map<String, DataCheck> saved = new ConcurrentHashMap<>();

        @Override
        public void save(DataCheck check) {
            saved.put(check.id(), check);
        }

        @Override
        public Optional<DataCheck> find(String id) {
            return Optional.ofNullable(saved.get(id));
        }

        @Override
        public List<DataCheck> recent(int limit) {
            return List.copyOf(saved.values());
        }

        @Override
        public List<DataCheck> ofCutover(String cutoverId) {
            return saved.values().stream().filter(c -> cutoverId.equals(c.cutoverId())).toList();
        }

        @Override
        public List<DataCheck> running() {
            return saved.values().stream().filter(c -> c.status() == DataCheckStatus.RUNNING).toList();
        }
    }
}
