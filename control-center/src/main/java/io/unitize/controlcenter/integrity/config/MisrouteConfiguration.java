package io.unitize.controlcenter.integrity.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.unitize.controlcenter.config.ControlCenterConfigException;
import io.unitize.controlcenter.integrity.canal.CanalRowWrites;
import io.unitize.controlcenter.integrity.canal.MisrouteAuditLoop;
import io.unitize.controlcenter.integrity.datacheck.CheckedTables;
import io.unitize.controlcenter.integrity.datacheck.TableSpec;
import io.unitize.controlcenter.integrity.misroute.MisrouteAudit;
import io.unitize.controlcenter.integrity.misroute.MisrouteJudge;
import io.unitize.controlcenter.integrity.misroute.MisrouteWrite;
import io.unitize.controlcenter.integrity.store.JdbcMisrouteLog;
import io.unitize.controlcenter.integrity.store.JdbcRulesTimeline;
import io.unitize.controlcenter.sync.UnitDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The mis-route audit ({@code unitize.control-center.integrity.misroute.enabled=true}): one Canal
 * reader per configured unit, in the control center, which already reaches every unit's database;
 * each judges its unit's own writes against the rules history and stores what it finds.
 */
@Configuration(proxyBeanMethods = false)
public class MisrouteConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MisrouteConfiguration.class);
    private static final String P = "unitize.control-center.integrity.misroute.";

    @Bean
    JdbcMisrouteLog misrouteLog(JdbcTemplate jdbc) {
        return new JdbcMisrouteLog(jdbc);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "unitize.control-center.integrity.misroute", name = "enabled")
    MisrouteAudits misrouteAudits(IntegrityProperties integrity, CheckedTables checked, IntegrityDatabases integrityDatabases,
                                  JdbcMisrouteLog misroutes, JdbcTemplate jdbc, MeterRegistry registry, Clock clock) {
        IntegrityProperties.Misroute m = integrity.getMisroute();
        List<TableSpec> tables = new ArrayList<>();
        for (int i = 0; i < m.getTables().size(); i++) {
            IntegrityProperties.Table t = m.getTables().get(i);
            try {
                tables.add(new TableSpec(t.getName(), t.getKeyColumn(), t.getBuyerColumn()));
            } catch (IllegalArgumentException e) {
                throw new ControlCenterConfigException(P + "tables[" + i + "]", e.getMessage());
            }
        }
        if (tables.isEmpty()) {
            tables.addAll(checked.tables());
        }
        if (tables.isEmpty()) {
            throw new ControlCenterConfigException(P + "tables", "the mis-route audit is enabled but no table is configured "
                    + "(here or under unitize.control-center.integrity.data-check.tables)");
        }
        if (m.getUnits().isEmpty()) {
            throw new ControlCenterConfigException(P + "units.<code>.canal", "the mis-route audit is enabled but no unit's Canal "
                    + "server is configured");
        }
        JdbcRulesTimeline timeline = new JdbcRulesTimeline(jdbc, 1000);
        Consumer<MisrouteWrite> sink = w -> {
            misroutes.record(w);
            Counter.builder("unitize.misroute.writes").description("Writes by a unit that did not own the buyer (or while frozen)")
                    .tag("unit", w.writingUnit()).tag("table", w.table()).tag("kind", w.kind().name()).register(registry).increment();
            log.warn("UNITIZE-CC-222 mis-routed write in unit {} (server id {}): {} {} key {} buyer {} (slot {}) is owned by {} under "
                    + "rules version {} ({}). Next: find the writer that bypassed the guard; GET /api/v1/misroutes lists them",
                    w.writingUnit(), w.serverId(), w.type(), w.table(), w.key(), w.buyerId(), w.slot(), w.ownerUnit(), w.rulesVersion(),
                    w.kind());
        };
        List<MisrouteAuditLoop> loops = new ArrayList<>();
        for (Map.Entry<String, IntegrityProperties.CanalServer> e : m.getUnits().entrySet()) {
            String unit = e.getKey();
            String canal = e.getValue().getCanal();
            if (canal == null || !canal.matches("[^:]+:\\d{1,5}")) {
                throw new ControlCenterConfigException(P + "units." + unit + ".canal", "must be host:port, but was '" + canal + "'");
            }
            if (!integrityDatabases.pools().has(unit)) {
                throw new ControlCenterConfigException("unitize.control-center.units." + unit + ".jdbc-url",
                        "the mis-route audit of unit " + unit + " needs its database (its server id tells local writes from replicated ones)");
            }
            InetSocketAddress address = new InetSocketAddress(canal.substring(0, canal.lastIndexOf(':')),
                    Integer.parseInt(canal.substring(canal.lastIndexOf(':') + 1)));
            String destination = e.getValue().getDestination() == null ? unit : e.getValue().getDestination();
            loops.add(new MisrouteAuditLoop(unit,
                    () -> new MisrouteAudit(new MisrouteJudge(unit, serverId(integrityDatabases.pools(), unit), m.getGrace(), clock), timeline, sink),
                    () -> new CanalRowWrites(address, destination, tables)));
        }
        return new MisrouteAudits(loops);
    }

    private static long serverId(UnitDatabases databases, String unit) {
        try (Connection c = databases.connect(unit); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@server_id")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read unit " + unit + "'s server id: " + e.getMessage(), e);
        }
    }

    /** The running audits, one per unit. */
    public record MisrouteAudits(List<MisrouteAuditLoop> loops) implements AutoCloseable {

        @Override
        public void close() {
            loops.forEach(MisrouteAuditLoop::close);
        }
    }
}
