package io.unitize.controlcenter.cutover;

import java.time.Clock;
import java.util.Map;

/** What the steps work with: the rules, the agents' acknowledgements, replication, replay and the store. */
record StepPorts(RulesAuthority rules, AgentAcks acks, Map<SyncMode, SyncConfirmation> syncs, ReplayRequests replays,
                 CutoverRepository repository, CutoverSettings settings, AbortRequests aborts, Clock clock) {

    SyncConfirmation sync(Cutover c) {
        return syncs.get(c.syncMode());
    }

    <T> Retry<T> retry(Retry.Attempt<T> attempt) {
        return Retry.of(clock, attempt);
    }
}
