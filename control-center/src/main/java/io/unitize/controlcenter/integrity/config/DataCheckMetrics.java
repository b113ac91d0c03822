package io.unitize.controlcenter.integrity.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.unitize.controlcenter.integrity.datacheck.DataCheck;

import java.util.function.Consumer;

/**
 * {@code unitize.datacheck.finished{status}} per ended check, {@code unitize.datacheck.rows.read}
 * (rows read per side) and {@code unitize.datacheck.differing.rows} (rows still different after the rechecks).
 */
final class DataCheckMetrics implements Consumer<DataCheck> {

    private final MeterRegistry registry;

    DataCheckMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(DataCheck c) {
        Counter.builder("unitize.datacheck.finished").tag("status", c.status().name()).register(registry).increment();
        Counter.builder("unitize.datacheck.rows.read").register(registry).increment(c.rowsRead());
        long differing = c.results().stream().mapToLong(r -> r.differences().size() + r.moreDifferences()).sum();
        Counter.builder("unitize.datacheck.differing.rows").register(registry).increment(differing);
    }
}
