package io.unitize.core.nacos;

import com.alibaba.nacos.api.exception.NacosException;

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
    /**
     * Config group of the agents' acknowledgements: one item {@code ack.<agentId>} per agent,
     * holding the rules version it has applied, in the namespace of the rules.
     */
    public static final String ACKS_GROUP = "UNITIZE_ACKS";

    private RulesChannel() {
    }

    /**
     * Client properties for a Nacos server address, with the credentials of a Nacos that has
     * authentication on; keeps the client's cache out of {@code ~/nacos}.
     */
    static Properties clientProperties(String serverAddr, String namespace, NacosCredentials credentials) {
        Properties p = new Properties();
        credentials.applyTo(p);
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

    /** Whether Nacos refused a call for want of (valid) credentials or permissions. */
    static boolean isAuthRefusal(NacosException e) {
        return NacosAuthenticationException.isRefusal(e);
    }

    /** The refusal as an operator reads it: where, as whom, what Nacos said and what to set. */
    static String authRefusal(String what, String serverAddr, NacosCredentials credentials, NacosException e, String properties) {
        return what + " was refused by the Nacos at " + serverAddr + " (" + e.getErrCode() + ": " + e.getErrMsg() + ") with "
                + credentials + ": that Nacos has authentication on; " + (credentials.isPresent()
                ? "check the user's password and its permission on the namespace/group (" + properties + ")"
                : "set " + properties);
    }
}
