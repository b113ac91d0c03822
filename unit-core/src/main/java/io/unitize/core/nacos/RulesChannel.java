package io.unitize.core.nacos;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the rules document lives in each unit's Nacos, and where agents report: one place for
 * the names that the publisher, the subscribers and the agent directory must agree on.
 */
public final class RulesChannel {

    /** Data id of the rules document. */
    public static final String DEFAULT_DATA_ID = "unitize-rules.json";
    /** Config group of the rules document and naming group of the agents. */
    public static final String DEFAULT_GROUP = "UNITIZE";
    /** Naming service under which every agent registers one ephemeral instance. */
    public static final String AGENTS_SERVICE = "unitize-agents";

    private RulesChannel() {
    }

    /** Client properties for a Nacos server address; keeps the client's cache out of {@code ~/nacos}. */
    static Properties clientProperties(String serverAddr, String namespace) {
        Properties p = new Properties();
        p.setProperty("serverAddr", serverAddr);
        if (namespace != null && !namespace.isBlank()) {
            p.setProperty("namespace", namespace);
        }
        String cache = System.getProperty("unitize.nacos.cacheDir");
        if (cache == null) {
            cache = Path.of(System.getProperty("java.io.tmpdir"), "unitize-nacos-" + ProcessHandle.current().pid()).toString();
        }
        p.setProperty("JM.SNAPSHOT.PATH", cache);
        p.setProperty("JM.LOG.PATH", Path.of(cache, "logs").toString());
        return p;
    }
}
