package io.unitize.rpc.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.cluster.router.state.StateRouter;
import org.apache.dubbo.rpc.cluster.router.state.StateRouterFactory;

/** Adds a {@link UnitStateRouter} to every consumer's router chain (SPI name {@code unitize}). */
@Activate(order = 50)
public class UnitStateRouterFactory implements StateRouterFactory {

    @Override
    public <T> StateRouter<T> getRouter(Class<T> interfaceClass, URL url) {
        return new UnitStateRouter<>(url);
    }
}
