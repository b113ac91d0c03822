package io.unitize.controlcenter.integrity.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.unitize.controlcenter.config.ControlCenterConfigException;
import io.unitize.controlcenter.config.ControlCenterProperties;
import io.unitize.controlcenter.cutover.CutoverEngine;
import io.unitize.controlcenter.cutover.RulesAuthority;
import io.unitize.controlcenter.integrity.datacheck.CheckLimits;
import io.unitize.controlcenter.integrity.datacheck.CheckedTables;
import io.unitize.controlcenter.integrity.datacheck.DataCheckAfterCutover;
import io.unitize.controlcenter.integrity.datacheck.DataChecks;
import io.unitize.controlcenter.integrity.datacheck.TableSpec;
import io.unitize.controlcenter.integrity.lag.CutoverLagCheck;
import io.unitize.controlcenter.integrity.lag.HeartbeatLoop;
import io.unitize.controlcenter.integrity.lag.HeartbeatMonitor;
import io.unitize.controlcenter.integrity.lag.HeartbeatTable;
import io.unitize.controlcenter.integrity.lag.LagGate;
import io.unitize.controlcenter.integrity.lag.LagSyncNote;
import io.unitize.controlcenter.integrity.store.JdbcDataCheckRepository;
import io.unitize.controlcenter.sync.UnitDatabases;
import io.unitize.core.SlotTransform;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wires the integrity checks: the heartbeat (the control center writes every unit's heartbeat into
 * that unit's database, through the JDBC URL it has for the sync markers), the lag gate before a
 * cutover, the lag in CONFIRM_SYNC's detail. Their database connections come from pools of their own,
 * so a long data check never waits for, or holds up, a cutover's marker.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrityConfiguration {

    private static final String P = "unitize.control-center.integrity.";

    /** Pools of their own to every unit database that has a {@code jdbc-url} (credentials checked by the cutover's pools). */
    @Bean(destroyMethod = "close")
    IntegrityDatabases integrityDatabases(ControlCenterProperties props, IntegrityProperties integrity) {
        Map<String, UnitDatabases.Endpoint> dbs = new LinkedHashMap<>();
        props.getUnits().forEach((code, u) -> {
            if (u.getJdbcUrl() != null && !u.getJdbcUrl().isBlank() && u.getDbUser() != null && u.getDbPassword() != null) {
                dbs.put(code, new UnitDatabases.Endpoint(u.getJdbcUrl(), u.getDbUser(), u.getDbPassword()));
            }
        });
        String schema = integrity.getHeartbeat().getSchema();
        if (schema == null || !schema.matches("[A-Za-z0-9_]{1,64}")) {
            throw new ControlCenterConfigException(P + "heartbeat.schema",
                    "schema must be letters, digits or '_', but was '" + schema + "'");
        }
        return new IntegrityDatabases(new UnitDatabases(dbs, schema));
    }

    @Bean
    HeartbeatMonitor heartbeatMonitor(IntegrityDatabases integrityDatabases, IntegrityProperties integrity, MeterRegistry registry,
                                      ControlCenterProperties props, Clock clock) {
        List<String> units = props.getUnits().keySet().stream().filter(integrityDatabases.pools()::has).toList();
        return new HeartbeatMonitor(units, integrityDatabases.pools()::connect, new HeartbeatTable(integrity.getHeartbeat().getSchema()),
                clock, new ReplicationLagMetrics(registry));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "unitize.control-center.integrity.heartbeat", name = "enabled", matchIfMissing = true)
    HeartbeatLoop heartbeatLoop(HeartbeatMonitor monitor, IntegrityProperties integrity) {
        return new HeartbeatLoop(monitor, positive(integrity.getHeartbeat().getInterval(), "heartbeat.interval"));
    }

    @Bean
    LagGate lagGate(HeartbeatMonitor monitor, IntegrityProperties integrity) {
        return new LagGate(monitor::lag, positive(integrity.getHeartbeat().getMaxLag(), "heartbeat.max-lag").toMillis());
    }

    @Bean
    CutoverLagCheck cutoverLagCheck(RulesAuthority rules, LagGate gate, CutoverEngine engine, HeartbeatMonitor monitor) {
        engine.syncLagNote(new LagSyncNote(monitor));
        return new CutoverLagCheck(rules, gate);
    }

    @Bean
    CheckedTables checkedTables(IntegrityProperties integrity) {
        List<TableSpec> tables = new ArrayList<>();
        List<IntegrityProperties.Table> configured = integrity.getDataCheck().getTables();
        for (int i = 0; i < configured.size(); i++) {
            IntegrityProperties.Table t = configured.get(i);
            try {
                tables.add(new TableSpec(t.getName(), t.getKeyColumn(), t.getBuyerColumn()));
            } catch (IllegalArgumentException e) {
                throw new ControlCenterConfigException(P + "data-check.tables[" + i + "]", e.getMessage());
            }
        }
        return new CheckedTables(tables);
    }

    @Bean
    JdbcDataCheckRepository dataCheckRepository(JdbcTemplate jdbc) {
        return new JdbcDataCheckRepository(jdbc);
    }

    @Bean(destroyMethod = "close")
    DataChecks dataChecks(JdbcDataCheckRepository repository, IntegrityDatabases integrityDatabases, ControlCenterProperties props,
                          IntegrityProperties integrity, RulesAuthority rules, MeterRegistry registry, Clock clock) {
        IntegrityProperties.DataCheck d = integrity.getDataCheck();
        CheckLimits limits;
        try {
            limits = new CheckLimits(d.getBatchRows(), d.getRowsPerSecond(), d.getSlotsPerChunk(), d.getMaxReportedKeys(),
                    d.getRechecks(), d.getRecheckDelay());
        } catch (IllegalArgumentException e) {
            throw new ControlCenterConfigException(P + "data-check", e.getMessage());
        }
        Set<String> units = props.getUnits().keySet().stream().filter(integrityDatabases.pools()::has).collect(Collectors.toSet());
        DataChecks checks = new DataChecks(repository, integrityDatabases.pools()::connect, units,
                () -> rules.latest().map(r -> r.transform().slotCount()).orElse(SlotTransform.DEFAULT_SLOT_COUNT), limits, clock,
                new DataCheckMetrics(registry));
        checks.interruptLeftovers();
        return checks;
    }

    @Bean
    @ConditionalOnProperty(prefix = "unitize.control-center.integrity.data-check", name = "after-cutover", matchIfMissing = true)
    DataCheckAfterCutover dataCheckAfterCutover(DataChecks checks, CheckedTables tables) {
        return new DataCheckAfterCutover(checks, tables.tables());
    }

    static Duration positive(Duration d, String property) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ControlCenterConfigException(P + property, property + " must be > 0, but was " + d);
        }
        return d;
    }
}
