package io.unitize.controlcenter.grey;

import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One wave of a grey plan, as stored: its slots, its cutover, the moves it made, its gates, its rollback. */
public final class Wave {

    private int index;
    private SlotRange range;
    private WaveStatus status;
    private String cutoverId;
    private List<SlotMove> moves = new ArrayList<>();
    private Instant switchedAt;
    private List<GateOutcome> gates = new ArrayList<>();
    private List<String> dataChecks = new ArrayList<>();
    private List<String> rollbackCutovers = new ArrayList<>();
    private int rollbackAttempts;
    private String detail;

    Wave() {
        // for the store's JSON mapping
    }

    Wave(int index, SlotRange range) {
        this.index = index;
        this.range = range;
        this.status = WaveStatus.PENDING;
    }

    /** 1-based. */
    public int index() {
        return index;
    }

    public SlotRange range() {
        return range;
    }

    public WaveStatus status() {
        return status;
    }

    /** The cutover that moved this wave's slots (null before it started). */
    public String cutoverId() {
        return cutoverId;
    }

    /** What the wave's cutover moved (source unit per range); its rollback moves each back. */
    public List<SlotMove> moves() {
        return List.copyOf(moves);
    }

    public Instant switchedAt() {
        return switchedAt;
    }

    public List<GateOutcome> gates() {
        return List.copyOf(gates);
    }

    /** Data checks the DATA_CHECK gate ran itself (the ones run after the wave's cutover are listed with it). */
    public List<String> dataChecks() {
        return List.copyOf(dataChecks);
    }

    /** The cutovers that moved this wave's slots back to their source. */
    public List<String> rollbackCutovers() {
        return List.copyOf(rollbackCutovers);
    }

    /** What happened last (why it failed, how it was rolled back). */
    public String detail() {
        return detail;
    }

    public GateOutcome gate(GateKind kind) {
        return gates.stream().filter(g -> g.gate() == kind).findFirst().orElse(null);
    }

    void putGate(GateOutcome outcome) {
        gates.removeIf(g -> g.gate() == outcome.gate());
        gates.add(outcome);
    }

    void status(WaveStatus s) {
        this.status = s;
    }

    void cutoverId(String id) {
        this.cutoverId = id;
    }

    void switched(List<SlotMove> made, Instant at) {
        this.moves = new ArrayList<>(made);
        this.switchedAt = at;
    }

    void addDataCheck(String id) {
        dataChecks.add(id);
    }

    void addRollbackCutover(String id) {
        rollbackCutovers.add(id);
    }

    int rollbackAttempts() {
        return rollbackAttempts;
    }

    void countRollbackAttempt() {
        rollbackAttempts++;
    }

    void detail(String d) {
        this.detail = d;
    }
}
