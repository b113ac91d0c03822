package io.unitize.rpc.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.rpc.dubbo.UnitizeDubbo;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires Unitize routing into the application's Dubbo when {@code unitize.unit} is set: one
 * {@link RulesSubscriber} for the process (shared with the other Unitize agents; an application
 * may declare its own) and the unit + rules for every Dubbo application model of the process.
 * The Dubbo extensions themselves (router, zone detector, provider guard, config check) are
 * activated by Dubbo's SPI files.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.apache.dubbo.config.bootstrap.DubboBootstrap")
@ConditionalOnProperty(prefix = "unitize", name = "unit")
@EnableConfigurationProperties(UnitizeRpcProperties.class)
public class UnitizeRpcAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RulesSubscriber unitizeRulesSubscriber(UnitizeRpcProperties p) {
        UnitizeRpcProperties.Rules r = p.getRules();
        return RulesSubscriber.builder().serverAddr(r.getServerAddr()).namespace(r.getNamespace()).unit(p.getUnit())
                .agentKind("rpc-router").dataId(r.getDataId()).group(r.getGroup()).snapshotFile(r.getSnapshotFile())
                .initialTimeout(r.getInitialTimeout()).reportIp(r.getReportIp()).build().start();
    }

    @Bean
    @ConditionalOnProperty(prefix = "unitize.rpc", name = "enabled", matchIfMissing = true)
    UnitizeDubboInstallation unitizeDubbo(UnitizeRpcProperties p, RulesSubscriber rules) {
        return new UnitizeDubboInstallation(UnitizeDubbo.installDefault(p.getUnit(), rules::snapshot));
    }

    /** The installed routing context; uninstalled with the application context. */
    public static final class UnitizeDubboInstallation implements DisposableBean {
        private final UnitizeDubbo context;

        UnitizeDubboInstallation(UnitizeDubbo context) {
            this.context = context;
        }

        public UnitizeDubbo context() {
            return context;
        }

        @Override
        public void destroy() {
            UnitizeDubbo.uninstallDefault();
        }
    }
}
