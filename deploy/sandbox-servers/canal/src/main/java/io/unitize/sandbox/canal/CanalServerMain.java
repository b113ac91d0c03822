package io.unitize.sandbox.canal;

import com.alibaba.otter.canal.instance.manager.CanalInstanceWithManager;
import com.alibaba.otter.canal.instance.manager.model.Canal;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.HAMode;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.IndexMode;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.MetaMode;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.SourcingType;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.StorageMode;
import com.alibaba.otter.canal.server.embedded.CanalServerWithEmbedded;
import com.alibaba.otter.canal.server.netty.CanalServerWithNetty;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A Canal 1.1.7 server for one sandbox unit: reads that unit's MariaDB binlog and serves it to
 * {@code canal.client} over TCP on 127.0.0.1.
 *
 * <p>System properties: {@code canal.port} (client port), {@code canal.destination} (the instance
 * name clients connect to, the unit code), {@code canal.db.port}, {@code canal.db.user},
 * {@code canal.db.password}, {@code canal.slaveId} (unique per binlog reader), optional
 * {@code canal.filter} (default: every table). Meta, index and store are in memory: a restarted
 * Canal server starts again from the binlog's end, clients keep their own positions.
 */
public final class CanalServerMain {

    private CanalServerMain() {
    }

    public static void main(String[] args) {
        long started = System.currentTimeMillis();
        String destination = required("canal.destination");
        int clientPort = Integer.parseInt(required("canal.port"));
        String filter = System.getProperty("canal.filter", ".*\\..*");
        Canal canal = describe(destination);

        CanalServerWithEmbedded embedded = CanalServerWithEmbedded.instance();
        embedded.setCanalInstanceGenerator(dest -> new CanalInstanceWithManager(canal, filter));
        embedded.start();
        embedded.start(destination);

        CanalServerWithNetty netty = CanalServerWithNetty.instance();
        netty.setEmbeddedServer(embedded);
        netty.setIp("127.0.0.1");
        netty.setPort(clientPort);
        netty.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            netty.stop();
            embedded.stop();
        }, "canal-stop"));
        System.out.println("CANAL-READY in " + (System.currentTimeMillis() - started) + " ms");
    }

    private static Canal describe(String destination) {
        CanalParameter p = new CanalParameter();
        p.setCanalId(1L);
        p.setMetaMode(MetaMode.MEMORY);
        p.setHaMode(HAMode.HEARTBEAT);
        p.setIndexMode(IndexMode.MEMORY);
        p.setStorageMode(StorageMode.MEMORY);
        p.setMemoryStorageBufferSize(16 * 1024);
        p.setSourcingType(SourcingType.MYSQL);
        p.setDbAddresses(List.of(new InetSocketAddress("127.0.0.1", Integer.parseInt(required("canal.db.port")))));
        p.setDbUsername(required("canal.db.user"));
        p.setDbPassword(System.getProperty("canal.db.password", ""));
        p.setSlaveId(Long.parseLong(required("canal.slaveId")));
        p.setDefaultConnectionTimeoutInSeconds(30);
        p.setConnectionCharset("UTF-8");
        p.setConnectionCharsetNumber((byte) 33);
        p.setReceiveBufferSize(64 * 1024);
        p.setSendBufferSize(64 * 1024);
        p.setDetectingEnable(false);
        // MariaDB GTIDs are not MySQL GTIDs: Canal's GTID mode breaks on them.
        p.setTsdbEnable(false);
        p.setGtidEnable(false);
        p.setParallel(false);
        Canal canal = new Canal();
        canal.setId(1L);
        canal.setName(destination);
        canal.setDesc("unitize sandbox " + destination);
        canal.setCanalParameter(p);
        return canal;
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("UNITIZE-SANDBOX-910 system property " + key + " is required");
        }
        return value;
    }
}
