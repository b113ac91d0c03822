package io.unitize.controlcenter.integrity.misroute;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The audit of one unit's binlog: every row change of an audited table is judged against the rules
 * history; a misroute goes to the sink (stored, counted). Framework-free; the binlog reader calls
 * {@link #accept} per batch, on one thread.
 */
public final class MisrouteAudit {

    private final MisrouteJudge judge;
    private final LongFunction<RulesTimeline> timeline;
    private final Consumer<MisrouteWrite> sink;
    private final AtomicLong judged = new AtomicLong();
    private final AtomicLong replicated = new AtomicLong();
    private final AtomicLong misroutes = new AtomicLong();
    private volatile long lastCommitMillis;

    /** @param timeline the rules history, complete at least up to the time given (the batch's newest commit + 1 s) */
    public MisrouteAudit(MisrouteJudge judge, LongFunction<RulesTimeline> timeline, Consumer<MisrouteWrite> sink) {
        this.judge = judge;
        this.timeline = timeline;
        this.sink = sink;
    }

    public void accept(List<RowWrite> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long newest = batch.stream().mapToLong(RowWrite::commitMillis).max().orElse(0);
        RulesTimeline rules = timeline.apply(newest + 1000); // binlog times are whole seconds
        for (RowWrite w : batch) {
            lastCommitMillis = Math.max(lastCommitMillis, w.commitMillis());
            if (!judge.local(w)) {
                replicated.incrementAndGet();
                continue;
            }
            judged.incrementAndGet();
            judge.judge(w, rules).ifPresent(m -> {
                misroutes.incrementAndGet();
                sink.accept(m);
            });
        }
    }

    public String unit() {
        return judge.unit();
    }

    /** Changes judged (written in this unit), replicated in (skipped), misroutes found, the newest commit seen. */
    public Stats stats() {
        return new Stats(judge.unit(), judge.serverId(), judged.get(), replicated.get(), misroutes.get(), lastCommitMillis);
    }

    public record Stats(String unit, long serverId, long judged, long replicatedSkipped, long misroutes, long lastCommitMillis) {
    }
}
