package io.unitize.rpc.spring;

import io.unitize.rpc.micrometer.RpcMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Binds the RPC router's {@link io.unitize.rpc.RouteCounters} to Micrometer ({@link RpcMetrics}). */
@AutoConfiguration(after = UnitizeRpcAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class)
public class UnitizeRpcMetricsAutoConfiguration {

    @Bean
    RpcMetrics unitizeRpcMetrics(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation installation) {
        return new RpcMetrics(installation.context().unit(), installation.context().counters());
    }
}
