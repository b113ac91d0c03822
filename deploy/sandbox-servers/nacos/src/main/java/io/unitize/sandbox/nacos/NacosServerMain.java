package io.unitize.sandbox.nacos;

import com.alibaba.nacos.NacosServerBasicApplication;
import com.alibaba.nacos.NacosServerWebApplication;
import com.alibaba.nacos.core.listener.startup.NacosStartUp;
import com.alibaba.nacos.core.listener.startup.NacosStartUpManager;
import com.alibaba.nacos.sys.env.DeploymentType;
import com.alibaba.nacos.sys.env.EnvUtil;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A standalone Nacos 3.1 server (config + naming, embedded Derby, no console) for one sandbox
 * unit. Port and folders come as system properties from the sandbox ({@code nacos.server.main.port},
 * {@code nacos.home}); the fixed settings are in this module's {@code application.properties}.
 * Prints {@code NACOS-READY} when both the core and the web phase are up.
 */
public final class NacosServerMain {

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
        System.out.println("NACOS-READY in " + (System.currentTimeMillis() - started) + " ms");
    }
}
