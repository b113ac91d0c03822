package io.unitize.controlcenter.grey.config;

import io.unitize.controlcenter.config.ControlCenterConfigException;
import io.unitize.controlcenter.cutover.CutoverEngine;
import io.unitize.controlcenter.cutover.RulesAuthority;
import io.unitize.controlcenter.grey.DataCheckGate;
import io.unitize.controlcenter.grey.Gate;
import io.unitize.controlcenter.grey.GateKind;
import io.unitize.controlcenter.grey.GateSettings;
import io.unitize.controlcenter.grey.GreyPlans;
import io.unitize.controlcenter.grey.GreySettings;
import io.unitize.controlcenter.grey.ReplicationLagGate;
import io.unitize.controlcenter.grey.SoakGate;
import io.unitize.controlcenter.integrity.canal.MisrouteAuditLoop;
import io.unitize.controlcenter.integrity.config.IntegrityProperties;
import io.unitize.controlcenter.integrity.config.MisrouteConfiguration;
import io.unitize.controlcenter.integrity.datacheck.CheckedTables;
import io.unitize.controlcenter.integrity.datacheck.DataChecks;
import io.unitize.controlcenter.integrity.lag.HeartbeatMonitor;
import io.unitize.controlcenter.integrity.store.JdbcDataCheckRepository;
import io.unitize.controlcenter.integrity.store.JdbcMisrouteLog;
import io.unitize.controlcenter.store.JdbcGreyPlanRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wires grey cutovers: the gates the integrity checks make available, the store, the resume after a restart. */
@Configuration(proxyBeanMethods = false)
public class GreyConfiguration {

    @Bean
    JdbcGreyPlanRepository greyPlanRepository(JdbcTemplate jdbc) {
        return new JdbcGreyPlanRepository(jdbc);
    }

    @Bean(destroyMethod = "close")
    GreyPlans greyPlans(CutoverEngine engine, RulesAuthority rules, JdbcGreyPlanRepository repository, GreyProperties grey,
                        IntegrityProperties integrity, DataChecks checks, JdbcDataCheckRepository checkRepository,
                        CheckedTables tables, HeartbeatMonitor monitor, JdbcMisrouteLog misroutes,
                        ObjectProvider<MisrouteConfiguration.MisrouteAudits> audits, Clock clock) {
        Map<GateKind, Gate> gates = new EnumMap<>(GateKind.class);
        if (!tables.tables().isEmpty()) {
            gates.put(GateKind.DATA_CHECK, new DataCheckGate(checks, checkRepository, tables.tables(),
                    integrity.getDataCheck().isAfterCutover()));
        }
        if (integrity.getHeartbeat().isEnabled()) {
            gates.put(GateKind.REPLICATION_LAG, new ReplicationLagGate(monitor::lag));
        }
        MisrouteConfiguration.MisrouteAudits a = audits.getIfAvailable();
        if (a != null) {
            gates.put(GateKind.SOAK, new SoakGate(misroutes::recent, () -> {
                Map<String, String> errors = new LinkedHashMap<>();
                for (MisrouteAuditLoop loop : a.loops()) {
                    if (loop.lastError() != null) {
                        errors.put(loop.unit(), loop.lastError());
                    }
                }
                return errors;
            }));
        }
        GreySettings settings;
        try {
            settings = new GreySettings(grey.getPollInterval(), grey.getDataCheckTimeout(), grey.getLagWait(), grey.getRollbackAttempts());
        } catch (RuntimeException e) {
            throw new ControlCenterConfigException("unitize.control-center.grey", e.getMessage());
        }
        return new GreyPlans(engine, rules, repository, gates, settings, clock);
    }

    @Bean
    GreyDefaults greyDefaults(GreyProperties grey, IntegrityProperties integrity, CheckedTables tables) {
        return new GreyDefaults(new GateSettings(!tables.tables().isEmpty(),
                integrity.getHeartbeat().isEnabled() ? integrity.getHeartbeat().getMaxLag().toMillis() : null,
                grey.getDefaults().getSoak().toMillis(), grey.getDefaults().isApproval()));
    }

    @Bean
    GreyLifecycle greyLifecycle(GreyPlans plans) {
        return new GreyLifecycle(plans);
    }

    /** The gates of a plan that names none. */
    public record GreyDefaults(GateSettings gates) {
    }

    /** Resumes unfinished grey plans at startup and at each reconciliation (a plan whose thread died is driven again). */
    public static class GreyLifecycle {

        private final GreyPlans plans;

        GreyLifecycle(GreyPlans plans) {
            this.plans = plans;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void onReady() {
            plans.resumeUnfinished();
        }

        @Scheduled(initialDelayString = "${unitize.control-center.rules.reconcile-interval:30s}",
                fixedDelayString = "${unitize.control-center.rules.reconcile-interval:30s}")
        public void reconcile() {
            plans.resumeUnfinished();
        }
    }
}
