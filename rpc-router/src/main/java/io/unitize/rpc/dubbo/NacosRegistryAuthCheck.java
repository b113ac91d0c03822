package io.unitize.rpc.dubbo;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import io.unitize.core.nacos.NacosAuthenticationException;
import io.unitize.core.nacos.NacosCredentials;
import io.unitize.rpc.RegistryAuthenticationException;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.RegistryFactory;

import java.util.Properties;

/**
 * Tells why a Nacos registry could not be created when its Nacos refused the credentials. Dubbo
 * only says "Failed to create nacos naming service client. Reason: server status check failed"
 * for a Nacos with authentication on and a registry without (valid) credentials; on that failure
 * this wrapper of every {@link RegistryFactory} asks the same Nacos once more, with the registry's
 * credentials, and when Nacos answers with an authentication refusal it throws
 * {@link RegistryAuthenticationException} (UNITIZE-RPC-020) naming the registry, the server, the
 * user and the properties to set. Any other failure is Dubbo's own, rethrown as it came. Nothing
 * is done on the success path.
 */
public final class NacosRegistryAuthCheck implements RegistryFactory {

    private final RegistryFactory delegate;

    public NacosRegistryAuthCheck(RegistryFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Registry getRegistry(URL url) {
        try {
            return delegate.getRegistry(url);
        } catch (RuntimeException e) {
            if (!"nacos".equals(url.getProtocol())) {
                throw e;
            }
            RegistryAuthenticationException refusal = refusal(url, e);
            if (refusal != null) {
                throw refusal;
            }
            throw e;
        }
    }

    /** The refusal when the registry's Nacos refuses its credentials, else {@code null}. */
    static RegistryAuthenticationException refusal(URL url, RuntimeException failure) {
        NacosCredentials credentials = NacosCredentials.of(url.getUsername(), url.getPassword(), url.getParameter("accessKey"),
                url.getParameter("secretKey"));
        String server = url.getAddress() + (url.getParameter("backup") == null ? "" : "," + url.getParameter("backup"));
        Properties p = new Properties();
        p.setProperty(PropertyKeyConst.SERVER_ADDR, server);
        String namespace = url.getParameter("namespace");
        if (namespace != null) {
            p.setProperty(PropertyKeyConst.NAMESPACE, namespace);
        }
        credentials.applyTo(p);
        String group = url.getParameter("nacos.group", url.getParameter("group", "DEFAULT_GROUP"));
        NamingService naming = null;
        try {
            naming = NacosFactory.createNamingService(p);
            naming.getServicesOfServer(1, 1, group);
            return null; // Nacos answers these credentials: the failure was something else
        } catch (NacosException e) {
            if (!NacosAuthenticationException.isRefusal(e)) {
                return null;
            }
            String id = url.getParameter("id", url.getParameter("REGISTRY_CLUSTER", "<id>"));
            String prefix = "dubbo.registries." + id + ".";
            String next = credentials.isPresent()
                    ? "check the user's password and its permission on the namespace/group (" + prefix + "username / " + prefix
                    + "password, or " + prefix + "parameters.accessKey / secretKey)"
                    : "set " + prefix + "username and " + prefix + "password (or " + prefix + "parameters.accessKey and secretKey)";
            RegistryAuthenticationException refusal = new RegistryAuthenticationException(id, "UNITIZE-RPC-020 the Dubbo registry "
                    + id + " was refused by the Nacos at " + server + " (" + e.getErrCode() + ": " + e.getErrMsg() + ") with "
                    + credentials + ": that Nacos has authentication on; " + next + ". Nothing was registered or subscribed", e);
            refusal.addSuppressed(failure);
            return refusal;
        } catch (RuntimeException probeFailed) {
            return null;
        } finally {
            if (naming != null) {
                try {
                    naming.shutDown();
                } catch (NacosException | RuntimeException ignored) {
                    // the probe's client only
                }
            }
        }
    }
}
