package io.unitize.controlcenter.integrity.canal;

import com.alibaba.otter.canal.client.impl.SimpleCanalConnector;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import io.unitize.controlcenter.integrity.datacheck.TableSpec;
import io.unitize.controlcenter.integrity.misroute.RowWrite;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One unit's binlog through its Canal server ({@code canal.client}), as {@link RowWrite}s of the
 * audited tables: key and buyer taken from the row image (after for INSERT/UPDATE, before for
 * DELETE), with the origin server id and commit time of the entry's header. Batches are acknowledged
 * by the caller once handled (Canal then resumes after the last acknowledged one).
 */
public final class CanalRowWrites implements AutoCloseable {

    /** A batch: its id for ack/rollback (-1: nothing came), its row writes. */
    public record Batch(long id, List<RowWrite> writes) {
    }

    private final InetSocketAddress address;
    private final String destination;
    private final Map<String, TableSpec> tables;
    private SimpleCanalConnector connector;

    public CanalRowWrites(InetSocketAddress address, String destination, List<TableSpec> tables) {
        this.address = address;
        this.destination = destination;
        this.tables = tables.stream().collect(Collectors.toMap(t -> t.name().toLowerCase(Locale.ROOT), Function.identity()));
    }

    public void connect() {
        connector = new SimpleCanalConnector(address, "", "", destination);
        connector.setSoTimeout(60_000);
        connector.connect();
        connector.subscribe(tables.keySet().stream().map(t -> t.replace(".", "\\.")).collect(Collectors.joining(",")));
        connector.rollback();
    }

    public Batch next(int maxEntries, long waitMillis) throws com.google.protobuf.InvalidProtocolBufferException {
        Message m = connector.getWithoutAck(maxEntries, waitMillis, TimeUnit.MILLISECONDS);
        List<RowWrite> out = new ArrayList<>();
        for (CanalEntry.Entry e : m.getEntries()) {
            if (e.getEntryType() != CanalEntry.EntryType.ROWDATA) {
                continue;
            }
            CanalEntry.Header h = e.getHeader();
            TableSpec spec = tables.get((h.getSchemaName() + "." + h.getTableName()).toLowerCase(Locale.ROOT));
            if (spec == null) {
                continue;
            }
            CanalEntry.RowChange rc = CanalEntry.RowChange.parseFrom(e.getStoreValue());
            if (rc.getIsDdl()) {
                continue;
            }
            for (CanalEntry.RowData row : rc.getRowDatasList()) {
                List<CanalEntry.Column> image = rc.getEventType() == CanalEntry.EventType.DELETE ? row.getBeforeColumnsList()
                        : row.getAfterColumnsList();
                out.add(new RowWrite(spec.name().toLowerCase(Locale.ROOT), value(image, spec.keyColumn()), value(image, spec.buyerColumn()),
                        rc.getEventType().name(), h.getServerId(), h.getExecuteTime()));
            }
        }
        return new Batch(m.getId(), out);
    }

    private static String value(List<CanalEntry.Column> image, String column) {
        for (CanalEntry.Column c : image) {
            if (c.getName().equalsIgnoreCase(column)) {
                return c.getIsNull() ? null : c.getValue();
            }
        }
        return null;
    }

    public void ack(long batchId) {
        connector.ack(batchId);
    }

    public void rollback() {
        try {
            connector.rollback();
        } catch (RuntimeException e) {
            // the connection is gone; the server redelivers what was not acknowledged at the next subscribe
        }
    }

    @Override
    public void close() {
        if (connector != null) {
            try {
                connector.disconnect();
            } catch (RuntimeException e) {
                // closing anyway
            }
        }
    }
}
