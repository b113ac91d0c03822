package io.unitize.controlcenter.config;

import io.unitize.controlcenter.ControlCenterApplication;
import io.unitize.controlcenter.store.EmbeddedStore;
import io.unitize.controlcenter.store.SyncWriteFilePath;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Chooses the store before anything connects: without {@code spring.datasource.url}, the durable
 * embedded store in {@code unitize.control-center.store.directory} (default
 * {@code ~/.unitize/control-center}); an H2 file URL that would lose acknowledged commits is
 * refused (UNITIZE-CC-003 naming {@code spring.datasource.url}).
 */
public class EmbeddedStoreEnvironment implements EnvironmentPostProcessor {

    static final String DIRECTORY = "unitize.control-center.store.directory";
    static final String URL = "spring.datasource.url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!application.getAllSources().contains(ControlCenterApplication.class)) {
            return; // another application in the same JVM (the demo's gateways)
        }
        SyncWriteFilePath.register();
        configure(env, true);
    }

    /** Sets the embedded store's URL when none is configured (creating its folder if asked), or refuses a lossy H2 URL. */
    void configure(ConfigurableEnvironment env, boolean createFolder) {
        String url = env.getProperty(URL);
        if (url == null || url.isBlank()) {
            String dir = env.getProperty(DIRECTORY);
            Path directory = dir == null || dir.isBlank() ? EmbeddedStore.defaultDirectory() : Path.of(dir);
            if (createFolder) {
                try {
                    EmbeddedStore.createPrivately(directory);
                } catch (UncheckedIOException e) {
                    throw new ControlCenterConfigException(DIRECTORY, e.getMessage());
                }
            }
            env.getPropertySources().addLast(new MapPropertySource("unitize-embedded-store", Map.of(
                    URL, EmbeddedStore.url(directory), "spring.datasource.username", "sa", "spring.datasource.password", "")));
            return;
        }
        EmbeddedStore.whyNotDurable(url).ifPresent(why -> {
            throw new ControlCenterConfigException(URL, URL + " is " + why + ". Remove " + URL + " and set " + DIRECTORY
                    + "=<folder> for the durable embedded store, or point " + URL + " at MariaDB/MySQL");
        });
    }
}
