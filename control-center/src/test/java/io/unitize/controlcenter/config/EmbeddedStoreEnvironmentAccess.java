package io.unitize.controlcenter.config;

import io.unitize.controlcenter.ControlCenterApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

/** Test access: the datasource URL the control center chooses in an environment that sets none. */
public final class EmbeddedStoreEnvironmentAccess {

    private EmbeddedStoreEnvironmentAccess() {
    }

    public static String urlWithout() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        new EmbeddedStoreEnvironment().postProcessEnvironment(env, new SpringApplication(ControlCenterApplication.class));
        return env.getProperty(EmbeddedStoreEnvironment.URL);
    }
}
