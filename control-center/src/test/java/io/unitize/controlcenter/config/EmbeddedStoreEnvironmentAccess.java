package io.unitize.controlcenter.config;

import org.springframework.core.env.StandardEnvironment;

/** Test access: the datasource URL the control center chooses in an environment that sets none. */
public final class EmbeddedStoreEnvironmentAccess {

    private EmbeddedStoreEnvironmentAccess() {
    }

    public static String urlWithout() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        new EmbeddedStoreEnvironment().configure(env, false); // no folder created in the user's home by a test
        return env.getProperty(EmbeddedStoreEnvironment.URL);
    }
}
