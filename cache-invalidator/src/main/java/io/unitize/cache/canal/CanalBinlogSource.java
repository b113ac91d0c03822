package io.unitize.cache.canal;

import com.alibaba.otter.canal.client.impl.SimpleCanalConnector;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import io.unitize.cache.RowChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One unit's binlog through a Canal server ({@code canal.client}): batches of row changes with the
 * origin server id of each, acknowledged or rolled back by the caller. {@code canal.client} never
 * sets TCP_NODELAY on its socket, which costs ~40 ms (delayed ACK) per batch on loopback; this source
 * sets it on the connector's channel after connecting (a private field of SimpleCanalConnector 1.1.8,
 * checked at connect: if it is not there, it logs UNITIZE-CACHE-011 and goes on without).
 */
public final class CanalBinlogSource implements AutoCloseable {

    /** A batch: its id for ack/rollback, and its row changes (possibly empty). */
    public record Batch(long id, List<RowChange> changes) {
    }

    private static final Logger log = LoggerFactory.getLogger(CanalBinlogSource.class);

    private final InetSocketAddress address;
    private final String destination;
    private final String filter;
    private SimpleCanalConnector connector;

    /** @param filter Canal subscription regex, e.g. {@code shop\\.(orders|cart)} */
    public CanalBinlogSource(InetSocketAddress address, String destination, String filter) {
        this.address = address;
        this.destination = destination;
        this.filter = filter;
    }

    /** Connects and subscribes; resumes from the position the server holds for this destination (the last ack). */
    public void connect() {
        connector = new SimpleCanalConnector(address, "", "", destination);
        connector.connect();
        noDelay(connector);
        connector.subscribe(filter);
        connector.rollback(); // anything fetched but not acknowledged before is delivered again
    }

    /** The next batch, waiting up to {@code waitMillis}; id -1 when there was nothing. */
    public Batch next(int maxEntries, long waitMillis) throws com.google.protobuf.InvalidProtocolBufferException {
        Message m = connector.getWithoutAck(maxEntries, waitMillis, TimeUnit.MILLISECONDS);
        List<RowChange> changes = new ArrayList<>();
        for (CanalEntry.Entry e : m.getEntries()) {
            if (e.getEntryType() != CanalEntry.EntryType.ROWDATA) {
                continue;
            }
            CanalEntry.RowChange rc = CanalEntry.RowChange.parseFrom(e.getStoreValue());
            if (rc.getIsDdl()) {
                continue;
            }
            CanalEntry.Header h = e.getHeader();
            String table = h.getTableName().toLowerCase(Locale.ROOT);
            for (CanalEntry.RowData row : rc.getRowDatasList()) {
                changes.add(new RowChange(table, image(row.getBeforeColumnsList()), image(row.getAfterColumnsList()), h.getServerId(),
                        h.getExecuteTime()));
            }
        }
        return new Batch(m.getId(), changes);
    }

    public void ack(long batchId) {
        connector.ack(batchId);
    }

    public void rollback(long batchId) {
        connector.rollback(batchId);
    }

    private static Map<String, String> image(List<CanalEntry.Column> columns) {
        Map<String, String> m = new HashMap<>();
        for (CanalEntry.Column c : columns) {
            m.put(c.getName().toLowerCase(Locale.ROOT), c.getIsNull() ? null : c.getValue());
        }
        return m;
    }

    private static void noDelay(SimpleCanalConnector connector) {
        try {
            Field f = SimpleCanalConnector.class.getDeclaredField("channel");
            f.setAccessible(true);
            ((SocketChannel) f.get(connector)).setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (ReflectiveOperationException | RuntimeException | java.io.IOException e) {
            log.warn("UNITIZE-CACHE-011 cannot set TCP_NODELAY on canal.client's socket ({}): each batch may wait ~40 ms for a delayed ACK",
                    e.toString());
        }
    }

    @Override
    public void close() {
        if (connector != null) {
            connector.disconnect();
        }
    }
}
