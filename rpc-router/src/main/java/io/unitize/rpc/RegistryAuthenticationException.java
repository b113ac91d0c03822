package io.unitize.rpc;

import io.unitize.core.nacos.NacosAuthenticationException;

/**
 * A Dubbo Nacos registry could not be created because its Nacos has authentication on and refused
 * the registry's credentials (none, a wrong password, or a user without permission). The message
 * names the registry, the server, the user (never a secret), what Nacos answered and which
 * {@code dubbo.registries.<id>.*} properties to set. Nothing is registered or subscribed.
 */
public class RegistryAuthenticationException extends NacosAuthenticationException {

    private final String registryId;

    public RegistryAuthenticationException(String registryId, String message, Throwable cause) {
        super(message, cause);
        this.registryId = registryId;
    }

    /** The id of the refused registry ({@code dubbo.registries.<id>}). */
    public String registryId() {
        return registryId;
    }
}
