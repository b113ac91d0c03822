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

    private final Map<String, Registry> registries = new ConcurrentHashMap<>();

    /** Connects to nothing yet: each unit's naming client is created when the first routed call asks for instances. */
    public NacosUnitDiscovery(List<Registry> registries) {
        registries.forEach(r -> this.registries.put(r.unit(), r));
    }

    private synchronized Map<String, NamingService> naming() {
        for (Registry r : registries.values()) {
            if (naming.containsKey(r.unit())) {
                continue;
            }
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
                throw new RpcConfigException("UNITIZE-RPC-035 cannot reach the Nacos of unit " + r.unit() + " at " + r.serverAddr()
                        + " to discover HTTP providers: " + e.getErrMsg(),
                        "Check unitize.rpc.http.registries." + r.unit() + ".server-addr (and its credentials) and that Nacos; "
                                + "the next call tries again.");
            }
            groups.put(r.unit(), r.group() == null || r.group().isBlank() ? "DEFAULT_GROUP" : r.group());
        }
        return naming;
    }

    public List<String> units() {
        return List.copyOf(registries.keySet());
    }

    /** The instances of {@code serviceId} by unit; the first call for a service subscribes to it in every unit's Nacos. */
    public UnitInstances<ServiceInstance> instances(String serviceId) {
        Watch w = watches.get(serviceId);
        if (w == null) {
            Map<String, NamingService> clients = naming();
            w = watches.computeIfAbsent(serviceId, id -> new Watch(id, clients));
        }
        return w.merged;
    }

    @Override
    public synchronized void close() {
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

        Watch(String serviceId, Map<String, NamingService> clients) {
            this.serviceId = serviceId;
            clients.forEach((unit, n) -> {
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
