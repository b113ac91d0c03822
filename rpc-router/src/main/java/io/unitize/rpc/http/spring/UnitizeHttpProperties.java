package io.unitize.rpc.http.spring;

import io.unitize.rpc.RouteType;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unitize.rpc.http.*}: unit routing of HTTP calls between services (Spring Cloud
 * LoadBalancer: OpenFeign, WebClient, RestClient) and the provider's re-check.
 */
@ConfigurationProperties("unitize.rpc.http")
public class UnitizeHttpProperties {

    /** Turns HTTP routing and the provider guard off. */
    private boolean enabled = true;
    /** The header that carries the buyer of a call (consumer and provider). */
    private String buyerHeader = "X-Buyer-Id";
    /** Routes per service id (the Spring Cloud service id, as in {@code @FeignClient(name)}). */
    private Map<String, Service> services = new LinkedHashMap<>();
    /** Every unit's Nacos to discover providers in, by unit code; this unit's defaults to spring.cloud.nacos.discovery.*. */
    private Map<String, Registry> registries = new LinkedHashMap<>();
    private final Provider provider = new Provider();

    public static class Service {
        /** UNIT (the buyer's home unit), CENTER (the center) or DEFAULT (this unit, else the center). */
        private RouteType route;
        /** The header with the buyer for this service (default unitize.rpc.http.buyer-header). */
        private String buyerHeader;
        /** A path pattern whose {buyerId} variable is the buyer when the header is absent, e.g. /orders/{buyerId}/**. */
        private String buyerPath;

        public RouteType getRoute() {
            return route;
        }

        public void setRoute(RouteType route) {
            this.route = route;
        }

        public String getBuyerHeader() {
            return buyerHeader;
        }

        public void setBuyerHeader(String buyerHeader) {
            this.buyerHeader = buyerHeader;
        }

        public String getBuyerPath() {
            return buyerPath;
        }

        public void setBuyerPath(String buyerPath) {
            this.buyerPath = buyerPath;
        }
    }

    public static class Registry {
        /** host:port of that unit's Nacos. */
        private String serverAddr;
        private String namespace;
        /** The Nacos group services register in (default DEFAULT_GROUP, or spring.cloud.nacos.discovery.group). */
        private String group;
        private String username;
        private String password;

        public String getServerAddr() {
            return serverAddr;
        }

        public void setServerAddr(String serverAddr) {
            this.serverAddr = serverAddr;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    public static class Provider {
        /** Path patterns of this application's UNIT endpoints: requests to them are re-checked; {buyerId} names the buyer. */
        private List<String> unitPaths = new ArrayList<>();

        public List<String> getUnitPaths() {
            return unitPaths;
        }

        public void setUnitPaths(List<String> unitPaths) {
            this.unitPaths = unitPaths;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBuyerHeader() {
        return buyerHeader;
    }

    public void setBuyerHeader(String buyerHeader) {
        this.buyerHeader = buyerHeader;
    }

    public Map<String, Service> getServices() {
        return services;
    }

    public void setServices(Map<String, Service> services) {
        this.services = services;
    }

    public Map<String, Registry> getRegistries() {
        return registries;
    }

    public void setRegistries(Map<String, Registry> registries) {
        this.registries = registries;
    }

    public Provider getProvider() {
        return provider;
    }
}
