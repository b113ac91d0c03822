package io.unitize.rpc.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.rpc.dubbo.UnitizeDubbo;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Wires Unitize routing into the application's Dubbo when the application has a unit
 * ({@code unitize.unit}, which also gives it the shared {@link RulesSubscriber}): the unit and the
 * rules for every Dubbo application model of the process. The Dubbo extensions themselves (router,
 * zone detector, cluster filter, provider guard, config check) are activated by Dubbo's SPI files.
 * {@code unitize.rpc.enabled=false} turns it off.
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class)
@ConditionalOnClass(name = "org.apache.dubbo.config.bootstrap.DubboBootstrap")
@ConditionalOnBean(RulesSubscriber.class)
@ConditionalOnProperty(prefix = "unitize.rpc", name = "enabled", matchIfMissing = true)
public class UnitizeRpcAutoConfiguration {

    @Bean
    UnitizeDubboInstallation unitizeDubbo(RulesSubscriber rules) {
        return new UnitizeDubboInstallation(UnitizeDubbo.installDefault(rules.unit(), rules::snapshot));
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
