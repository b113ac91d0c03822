package io.unitize.controlcenter.config;

import io.micrometer.core.instrument.Gauge;

import io.micrometer.core.instrument.MeterRegistry;
import io.unitize.controlcenter.channel.NacosAgentAcks;
import io.unitize.controlcenter.channel.NacosRulesBroadcast;
import io.unitize.controlcenter.cutover.CutoverEngine;
import io.unitize.controlcenter.cutover.CutoverObserver;
import io.unitize.controlcenter.cutover.RulesAuthority;
import io.unitize.controlcenter.replay.RocketMqReplayRequests;
import io.unitize.controlcenter.replay.UnitNameServers;
import io.unitize.controlcenter.store.AuditLog;
import io.unitize.controlcenter.store.JdbcCutoverRepository;
import io.unitize.controlcenter.store.JdbcRulesLedger;
import io.unitize.controlcenter.sync.GtidWaitSync;
import io.unitize.controlcenter.sync.MarkerRowSync;
import io.unitize.controlcenter.sync.MqReplySync;
import io.unitize.controlcenter.sync.UnitDatabases;
import io.unitize.core.nacos.AgentDirectory;
import io.unitize.core.nacos.NacosCredentials;
import io.unitize.core.nacos.RulesPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Wires the framework-free engine to Nacos, the unit databases, RocketMQ and the store. */
@Configuration(proxyBeanMethods = false)
public class ControlCenterConfiguration {

    private static final Pattern UNIT_CODE = Pattern.compile("[a-z0-9-]{1,32}");

    /** A unit's Nacos credentials ({@code nacos-auth.username}/{@code password}, {@code nacos-auth.access-key}/{@code secret-key}). */
    private static NacosCredentials nacosCredentials(String code, UnitConnectionProperties u) {
        try {
            return u.getNacosAuth().credentials();
        } catch (IllegalArgumentException e) {
            throw new ControlCenterConfigException("unitize.control-center.units." + code + ".nacos-auth", e.getMessage());
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    RulesPublisher rulesPublisher(ControlCenterProperties props) {
        checkUnits(props);
        RulesPublisher.Builder b = RulesPublisher.builder().dataId(props.getRules().getDataId())
                .group(props.getRules().getGroup()).namespace(props.getRules().getNamespace());
        props.getUnits().forEach((code, u) -> b.unit(code, u.getNacos(), nacosCredentials(code, u)));
        return b.build();
    }

    @Bean
    NacosRulesBroadcast rulesBroadcast(RulesPublisher publisher) {
        return new NacosRulesBroadcast(publisher);
    }

    @Bean(destroyMethod = "close")
    NacosAgentAcks agentAcks(ControlCenterProperties props) {
        checkUnits(props);
        Map<String, AgentDirectory> dirs = new LinkedHashMap<>();
        props.getUnits().forEach((code, u) -> dirs.put(code, AgentDirectory.connect(code, u.getNacos(),
                props.getRules().getNamespace(), props.getRules().getGroup(), nacosCredentials(code, u))));
        return new NacosAgentAcks(dirs);
    }

    @Bean(destroyMethod = "close")
    UnitDatabases unitDatabases(ControlCenterProperties props) {
        Map<String, UnitDatabases.Endpoint> dbs = new LinkedHashMap<>();
        props.getUnits().forEach((code, u) -> {
            if (u.getJdbcUrl() != null && !u.getJdbcUrl().isBlank()) {
                String p = "unitize.control-center.units." + code + ".";
                if (u.getDbUser() == null || u.getDbUser().isBlank()) {
                    throw new ControlCenterConfigException(p + "db-user", "unit " + code
                            + " has a jdbc-url but no db-user (there is no default user)");
                }
                if (u.getDbPassword() == null) {
                    throw new ControlCenterConfigException(p + "db-password", "unit " + code + " has a jdbc-url but no "
                            + "db-password (there is no default password; an empty one must be set explicitly)");
                }
                dbs.put(code, new UnitDatabases.Endpoint(u.getJdbcUrl(), u.getDbUser(), u.getDbPassword()));
            }
        });
        String schema = props.getCutover().getMarkerSchema();
        if (!schema.matches("[A-Za-z0-9_]{1,64}")) {
            throw new ControlCenterConfigException("unitize.control-center.cutover.marker-schema",
                    "marker-schema must be letters, digits or '_', but was '" + schema + "'");
        }
        return new UnitDatabases(dbs, schema);
    }

    @Bean
    UnitNameServers unitNameServers(ControlCenterProperties props, JdbcRulesLedger ledger) {
        Map<String, String> deprecated = new LinkedHashMap<>();
        props.getUnits().forEach((code, u) -> {
            if (u.getRocketmqNamesrv() != null && !u.getRocketmqNamesrv().isBlank()) {
                deprecated.put(code, u.getRocketmqNamesrv());
            }
        });
        UnitNameServers nameServers = new UnitNameServers(ledger::latest, deprecated);
        nameServers.checkAgreement(); // a local name server that disagrees with units[] fails startup naming both
        return nameServers;
    }

    @Bean(destroyMethod = "close")
    RocketMqReplayRequests replayRequests(UnitNameServers nameServers, ControlCenterProperties props) {
        return new RocketMqReplayRequests(nameServers, props.getReplay().getTopic());
    }

    @Bean
    JdbcRulesLedger rulesLedger(JdbcTemplate jdbc) {
        return new JdbcRulesLedger(jdbc);
    }

    @Bean
    JdbcCutoverRepository cutoverRepository(JdbcTemplate jdbc) {
        return new JdbcCutoverRepository(jdbc);
    }

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc) {
        return new AuditLog(jdbc);
    }

    @Bean
    RulesAuthority rulesAuthority(JdbcRulesLedger ledger, NacosRulesBroadcast broadcast, Clock clock) {
        return new RulesAuthority(ledger, broadcast, clock);
    }

    @Bean
    CutoverMetrics cutoverMetrics(MeterRegistry registry, Clock clock, ControlCenterProperties props) {
        return new CutoverMetrics(registry, clock, props.getCutover().toSettings().freezeTimeout());
    }

    @Bean(destroyMethod = "close")
    MqReplySync mqReplySync(UnitDatabases databases, UnitNameServers nameServers, ControlCenterProperties props) {
        return new MqReplySync(databases, nameServers, props.getCutover().getSyncReplyTopic());
    }

    @Bean(destroyMethod = "close")
    CutoverEngine cutoverEngine(RulesAuthority rules, NacosAgentAcks acks, UnitDatabases databases, MqReplySync mqReplySync,
                                RocketMqReplayRequests replays, JdbcCutoverRepository repository,
                                ControlCenterProperties props, ObjectProvider<CutoverObserver> observers, Clock clock) {
        return new CutoverEngine(rules, acks, List.of(new MarkerRowSync(databases), new GtidWaitSync(databases), mqReplySync), replays,
                repository, props.getCutover().toSettings(), props.getCutover().getSyncMode(),
                observers.orderedStream().toList(), clock);
    }

    @Bean
    ControlCenterLifecycle controlCenterLifecycle(RulesAuthority rules, CutoverEngine engine, MeterRegistry registry) {
        Gauge.builder("unitize.cutover.replays.undelivered", engine, CutoverEngine::undeliveredReplays)
                .description("replay requests of finished cutovers not yet delivered to their target unit").register(registry);
        return new ControlCenterLifecycle(rules, engine);
    }

    private static void checkUnits(ControlCenterProperties props) {
        if (props.getUnits().isEmpty()) {
            throw new ControlCenterConfigException("unitize.control-center.units.<code>.nacos",
                    "no units configured: the control center needs the Nacos address of every unit");
        }
        props.getUnits().forEach((code, u) -> {
            if (!UNIT_CODE.matcher(code).matches()) {
                throw new ControlCenterConfigException("unitize.control-center.units",
                        "unit code '" + code + "' must be lowercase letters, digits and '-', at most 32 characters");
            }
            if (u.getNacos() == null || u.getNacos().isBlank()) {
                throw new ControlCenterConfigException("unitize.control-center.units." + code + ".nacos",
                        "unit " + code + " has no Nacos address");
            }
        });
    }
}
