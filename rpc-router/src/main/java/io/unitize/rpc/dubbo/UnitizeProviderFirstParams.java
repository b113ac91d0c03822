package io.unitize.rpc.dubbo;

import org.apache.dubbo.registry.ProviderFirstParams;

import java.util.Set;

/** A consumer reads the provider's own unit and route type, never its own values of these keys. */
public class UnitizeProviderFirstParams implements ProviderFirstParams {

    @Override
    public Set<String> params() {
        return UnitizeParams.ALL;
    }
}
