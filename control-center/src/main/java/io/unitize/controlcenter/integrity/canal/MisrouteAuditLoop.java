package io.unitize.controlcenter.integrity.canal;

import io.unitize.controlcenter.integrity.misroute.MisrouteAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Reads one unit's binlog through Canal on a daemon thread and hands every batch to its
 * {@link MisrouteAudit}; a batch is acknowledged after it was judged (and its misroutes stored), so a
 * restart judges nothing twice and misses nothing. On an error it reconnects after a pause.
 */
public final class MisrouteAuditLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MisrouteAuditLoop.class);
    private static final long RECONNECT_MS = 2000;

    private final Supplier<MisrouteAudit> audit;
    private final Supplier<CanalRowWrites> source;
    private final String unit;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError;
    private volatile MisrouteAudit current;

    /** @param audit built when the loop starts (it needs the unit database's server id) */
    public MisrouteAuditLoop(String unit, Supplier<MisrouteAudit> audit, Supplier<CanalRowWrites> source) {
        this.unit = unit;
        this.audit = audit;
        this.source = source;
        this.thread = new Thread(this::run, "unitize-misroute-audit-" + unit);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try (CanalRowWrites writes = source.get()) {
                if (current == null) {
                    current = audit.get();
                }
                writes.connect();
                if (lastError != null) {
                    log.info("UNITIZE-CC-221 mis-route audit of unit {} reads its binlog again", unit);
                    lastError = null;
                }
                while (running) {
                    CanalRowWrites.Batch b = writes.next(1000, 500);
                    if (b.id() == -1) {
                        continue;
                    }
                    try {
                        current.accept(b.writes());
                    } catch (RuntimeException e) {
                        writes.rollback();
                        throw e;
                    }
                    writes.ack(b.id());
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                if (lastError == null) {
                    log.warn("UNITIZE-CC-220 mis-route audit of unit {} cannot read its binlog: {}. Next: check its Canal server "
                            + "(unitize.control-center.integrity.misroute.units.{}.canal) and database; retrying every {} ms",
                            unit, e.toString(), unit, RECONNECT_MS);
                }
                lastError = e.toString();
                try {
                    Thread.sleep(RECONNECT_MS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    public String unit() {
        return unit;
    }

    /** The audit's counters, or null before it started. */
    public MisrouteAudit.Stats stats() {
        MisrouteAudit a = current;
        return a == null ? null : a.stats();
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
