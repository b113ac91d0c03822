package io.unitize.controlcenter.cutover;

import io.unitize.controlcenter.store.JdbcCutoverRepository;
import io.unitize.controlcenter.store.JdbcRulesLedger;
import io.unitize.core.SlotRange;
import io.unitize.core.UnitRules;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cutover saved by the engine before its steps became classes with typed outcomes (the row in
 * {@code cutover/saved-before-typed-outcomes.json}: outcomes as "ok", no failedStep) is read by
 * the store and resumed to the end by today's engine.
 */
class SavedCutoverFormatTest {

    private final CutoverEngineTest.Units units = new CutoverEngineTest.Units();
    private final CutoverEngineTest.Markers markers = new CutoverEngineTest.Markers();
    private CutoverEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aCutoverSavedInTheOldFormatAtConfirmSyncResumesToTheEnd() throws Exception {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        JdbcRulesLedger ledger = new JdbcRulesLedger(jdbc);
        UnitRules v1 = PlanResolverTest.RULES.toBuilder().version(1).build();
        ledger.append(v1, RulesLedger.Purpose.EDIT, null);
        ledger.append(RulesEdits.freeze(v1, List.of(new io.unitize.core.SlotMove(SlotRange.of(3500, 3999), "center", "unit-b")),
                new RulesEdits.Stamp(2, java.time.Instant.parse("2026-12-01T10:00:00Z"), "alice", "cutover c-old: freeze")),
                RulesLedger.Purpose.FREEZE, "c-old");
        units.publish(ledger.latest().orElseThrow(), java.util.Set.of());
        markers.written.add("c-old@center");
        String saved = resource("cutover/saved-before-typed-outcomes.json");
        jdbc.update("INSERT INTO cutover (id, operator, status, step, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                "c-old", "alice", "RUNNING", "CONFIRM_SYNC", saved, 1L, 1L);

        JdbcCutoverRepository repository = new JdbcCutoverRepository(jdbc);
        engine = new CutoverEngine(new RulesAuthority(ledger, units, Clock.systemUTC()), units, List.of(markers), r -> { },
                repository, new CutoverSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(5), Duration.ofSeconds(5),
                Duration.ofDays(3650)), SyncMode.MARKER, List.of(), Clock.systemUTC());
        Cutover before = repository.find("c-old").orElseThrow();
        assertThat(before.steps()).extracting(StepRecord::outcome)
                .containsExactly(StepOutcome.OK, StepOutcome.OK, StepOutcome.OK, null);

        engine.resumeUnfinished();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Cutover end = repository.find("c-old").orElseThrow();
        while (!end.status().finished() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            end = repository.find("c-old").orElseThrow();
        }
        assertThat(end.status()).as(String.valueOf(end.failure())).isEqualTo(CutoverStatus.DONE);
        assertThat(end.steps()).extracting(s -> s.step() + "=" + s.outcome().label()).containsExactly("FREEZE=ok",
                "CONFIRM_FREEZE=ok", "MARK=ok", "CONFIRM_SYNC=interrupted", "CONFIRM_SYNC=ok", "SWITCH=ok", "REPLAY=ok");
        UnitRules latest = ledger.latest().orElseThrow();
        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.freezes()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT state FROM cutover WHERE id = 'c-old'", String.class))
                .as("saved again in the same form").contains("\"outcome\":\"ok\"").contains("\"outcome\":\"interrupted\"");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SavedCutoverFormatTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
