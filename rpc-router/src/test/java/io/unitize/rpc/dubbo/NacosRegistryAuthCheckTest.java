package io.unitize.rpc.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.RegistryFactory;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wrapper leaves Dubbo alone except for a Nacos refusal (that case: NacosAuthRoutingIT, against a real Nacos). */
class NacosRegistryAuthCheckTest {

    @Test
    void aCreatedRegistryIsReturnedAsItCame() {
        Registry registry = (Registry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Registry.class},
                (proxy, method, args) -> null);
        RegistryFactory created = url -> registry;
        assertThat(new NacosRegistryAuthCheck(created).getRegistry(URL.valueOf("nacos://127.0.0.1:1"))).isSameAs(registry);
    }

    @Test
    void aFailureOfAnotherRegistryKindIsRethrownUnchanged() {
        IllegalStateException failure = new IllegalStateException("zookeeper down");
        RegistryFactory failing = url -> {
            throw failure;
        };
        assertThatThrownBy(() -> new NacosRegistryAuthCheck(failing).getRegistry(URL.valueOf("zookeeper://127.0.0.1:1")))
                .isSameAs(failure);
    }
}
