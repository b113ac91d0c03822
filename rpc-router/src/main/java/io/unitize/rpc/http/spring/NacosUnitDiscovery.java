package io.unitize.rpc.http.spring;

import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.Event;
import com.alibaba.nacos.api.naming.listener.EventListener;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.unitize.rpc.RpcConfigException;
import io.unitize.rpc.http.UnitInstances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances of a service in every unit's Nacos: one naming client per unit, one subscription
 * per service and unit; each push rebuilds that service's {@link UnitInstances} (the per-call path
 * reads the last one). An instance belongs to the unit its {@code unitize.unit} metadata names
 * (set by registration, see {@link UnitInstanceMetadata}), else to the unit of the Nacos it is in.
 */
public final class NacosUnitDiscovery implements AutoCloseable {

    /** The instance metadata that names an instance's unit. */
    public static final String UNIT_METADATA = "unitize.unit";

    private static final Logger log = LoggerFactory.getLogger(NacosUnitDiscovery.class);

    /** One unit's Nacos. */
    public record Registry(String unit, String serverAddr, String namespace, String group, String username, String password) {
    }

    private final Map<String, NamingService> naming = new ConcurrentHashMap<>();
    private final Map<String, String> groups = new ConcurrentHashMap<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    public NacosUnitDiscovery(List<Registry> registries) {
        for (Registry r : registries) {
            Properties p = new Properties();
            p.setProperty(PropertyKeyConst.SERVER_ADDR, r.serverAddr());
            if (r.namespace() != null && !r.namespace().isBlank()) {
                p.setProperty(PropertyKeyConst.NAMESPACE, r.namespace());
            }
            if (r.username() != null && !r.username().isBlank()) {
                p.setProperty(PropertyKeyConst.USERNAME, r.username());
                p.setProperty(PropertyKeyConst.PASSWORD, r.password() == null ? "" : r.password());
            }
            try {
                naming.put(r.unit(), NamingFactory.createNamingService(p));
            } catch (NacosException e) {
                close();
                throw new RpcConfigException("UNITIZE-RPC-035 cannot reach the Nacos of unit " + r.unit() + " at " + r.serverAddr()
                        + " to discover HTTP providers: " + e.getErrMsg(),
                        "Check unitize.rpc.http.registries." + r.unit() + ".server-addr (and its credentials), then start again.");
            }
            groups.put(r.unit(), r.group() == null || r.group().isBlank() ? "DEFAULT_GROUP" : r.group());
        }
    }

    public List<String> units() {
        return List.copyOf(naming.keySet());
    }

    /** The instances of {@code serviceId} by unit; the first call for a service subscribes to it in every unit's Nacos. */
    public UnitInstances<ServiceInstance> instances(String serviceId) {
        return watches.computeIfAbsent(serviceId, Watch::new).merged;
    }

    @Override
    public void close() {
        naming.forEach((unit, n) -> {
            try {
                n.shutDown();
            } catch (NacosException | RuntimeException e) {
                log.debug("closing the naming client of {}", unit, e);
            }
        });
        naming.clear();
    }

    private final class Watch {
        private final String serviceId;
        private final Map<String, List<ServiceInstance>> perUnit = new ConcurrentHashMap<>();
        private volatile UnitInstances<ServiceInstance> merged = UnitInstances.none();

        Watch(String serviceId) {
            this.serviceId = serviceId;
            naming.forEach((unit, n) -> {
                String group = groups.get(unit);
                try {
                    n.subscribe(serviceId, group, new EventListener() {
                        @Override
                        public void onEvent(Event event) {
                            if (event instanceof NamingEvent e) {
                                update(unit, e.getInstances());
                            }
                        }
                    });
                    update(unit, n.selectInstances(serviceId, group, true));
                } catch (NacosException e) {
                    log.warn("UNITIZE-RPC-036 cannot subscribe to HTTP service {} in the Nacos of unit {}: {}; its instances there stay "
                            + "unknown until the next push. Check that Nacos and unitize.rpc.http.registries.{}", serviceId, unit, e.getErrMsg(), unit);
                }
            });
        }

        private synchronized void update(String unit, List<Instance> instances) {
            List<ServiceInstance> list = new ArrayList<>();
            for (Instance i : instances) {
                if (i.isHealthy() && i.isEnabled() && i.getWeight() > 0) {
                    Map<String, String> md = i.getMetadata();
                    list.add(new DefaultServiceInstance(i.getInstanceId(), serviceId, i.getIp(), i.getPort(),
                            Boolean.parseBoolean(md.get("secure")), md));
                }
            }
            perUnit.put(unit, List.copyOf(list));
            merged = UnitInstances.merge(Map.copyOf(perUnit), s -> s.getMetadata().get(UNIT_METADATA));
        }
    }
}
