package io.unitize.rpc.http.spring;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import io.unitize.rpc.RpcConfigException;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Registration: every instance this application registers in Nacos through Spring Cloud Alibaba
 * carries its unit as metadata {@code unitize.unit}, which consumers in every unit route by.
 */
public final class UnitInstanceMetadata implements BeanPostProcessor {

    private final String unit;

    public UnitInstanceMetadata(String unit) {
        this.unit = unit;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof NacosDiscoveryProperties p) {
            String set = p.getMetadata().putIfAbsent(NacosUnitDiscovery.UNIT_METADATA, unit);
            if (set != null && !set.equals(unit)) {
                throw new RpcConfigException("UNITIZE-RPC-037 spring.cloud.nacos.discovery.metadata." + NacosUnitDiscovery.UNIT_METADATA
                        + " is " + set + " but this application's unit (unitize.unit) is " + unit
                        + "; consumers would route this unit's buyers elsewhere",
                        "Remove spring.cloud.nacos.discovery.metadata." + NacosUnitDiscovery.UNIT_METADATA
                                + " (Unitize sets it from unitize.unit), then start again.");
            }
        }
        return bean;
    }
}
