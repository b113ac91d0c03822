package io.unitize.sandbox.nacos;

import com.alibaba.nacos.NacosServerBasicApplication;
import com.alibaba.nacos.NacosServerWebApplication;
import com.alibaba.nacos.core.listener.startup.NacosStartUp;
import com.alibaba.nacos.core.listener.startup.NacosStartUpManager;
import com.alibaba.nacos.naming.push.v2.PushConfig;
import com.alibaba.nacos.sys.env.DeploymentType;
import com.alibaba.nacos.sys.env.EnvUtil;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A standalone Nacos 3.1 server (config + naming, embedded Derby, no console) for one sandbox
 * unit. Port and folders come as system properties from the sandbox ({@code nacos.server.main.port},
 * {@code nacos.home}); the fixed settings are in this module's {@code application.properties}.
 * Prints {@code NACOS-READY} when both the core and the web phase are up, after writing the
 * settings in force that matter for timing to {@value #SETTINGS_FILE} in {@code nacos.home}
 * (values as the server itself reads them, so a {@code -D} override shows).
 */
public final class NacosServerMain {

    /** The file in {@code nacos.home} with the settings in force (java.util.Properties format). */
    public static final String SETTINGS_FILE = "unitize-effective-settings.properties";
    /** Settings reported from the server's environment when they are set there. */
    private static final String[] ENVIRONMENT_SETTINGS = {"nacos.config.push.maxRetryTime"};

    private NacosServerMain() {
    }

    public static void main(String[] args) {
        System.setProperty("nacos.standalone", "true");
        long started = System.currentTimeMillis();
        EnvUtil.setDeploymentType(DeploymentType.SERVER);
        NacosStartUpManager.start(NacosStartUp.CORE_START_UP_PHASE);
        ConfigurableApplicationContext core = new SpringApplicationBuilder(NacosServerBasicApplication.class)
                .web(WebApplicationType.NONE).run(args);
        NacosStartUpManager.start(NacosStartUp.WEB_START_UP_PHASE);
        new SpringApplicationBuilder(NacosServerWebApplication.class).parent(core).run(args);
        writeSettings(core.getEnvironment());
        System.out.println("NACOS-READY in " + (System.currentTimeMillis() - started) + " ms");
    }

    /**
     * Writes the settings in force. The naming push delays come from the push engine's own
     * {@link PushConfig} (Nacos' defaults included), the others from the environment. A failure
     * is printed, not fatal: the sandbox then reports the settings as unavailable.
     */
    private static void writeSettings(Environment env) {
        Properties out = new Properties();
        PushConfig push = PushConfig.getInstance();
        out.setProperty("nacos.naming.push.pushTaskDelay", Long.toString(push.getPushTaskDelay()));
        out.setProperty("nacos.naming.push.pushTaskTimeout", Long.toString(push.getPushTaskTimeout()));
        out.setProperty("nacos.naming.push.pushTaskRetryDelay", Long.toString(push.getPushTaskRetryDelay()));
        for (String name : ENVIRONMENT_SETTINGS) {
            String value = env.getProperty(name);
            if (value != null) {
                out.setProperty(name, value);
            }
        }
        Path file = Path.of(EnvUtil.getNacosHome()).resolve(SETTINGS_FILE);
        Path tmp = file.resolveSibling(SETTINGS_FILE + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.store(w, "Settings in force of this Nacos server (written at its start)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("UNITIZE-SANDBOX-920 cannot write the settings in force to " + file + " (" + e
                    + "): the sandbox will report them as unavailable; check that folder's permissions and free space");
        }
    }
}
