package io.unitize.mq.spring;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitEndpoints;
import io.unitize.mq.rocketmq.MessageReplicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The replicators from this unit to each peer, closed with the context. When a rules version moves a
 * peer's name server ({@code rocketmq} endpoint in units[]), that peer's replicator is closed and
 * started again against the new address with the same consumer group: what the old one had not
 * copied is still in this unit's broker, past the group's committed offset, so nothing is lost.
 */
public final class Replicators implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Replicators.class);

    private final String unit;
    private final String nameServer;
    private final List<String> topics;
    private final Map<String, MessageReplicator> byPeer = new LinkedHashMap<>();
    private final Map<String, String> peerNameServers = new LinkedHashMap<>();
    /** Per peer: what replicators closed by {@link #follow} had copied and failed, so the counts stay monotonic. */
    private final Map<String, long[]> retired = new HashMap<>();
    private final List<Consumer<MessageReplicator>> onStart = new CopyOnWriteArrayList<>();

    Replicators(String unit, String nameServer, List<String> topics, Map<String, String> peers) {
        this.unit = unit;
        this.nameServer = nameServer;
        this.topics = List.copyOf(topics);
        try {
            peers.forEach(this::startTo);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Test and non-Spring use: replicators already started. */
    Replicators(List<MessageReplicator> started) {
        this.unit = null;
        this.nameServer = null;
        this.topics = List.of();
        started.forEach(r -> byPeer.put(r.targetUnit(), r));
    }

    private void startTo(String peer, String namesrv) {
        MessageReplicator.Builder b = MessageReplicator.builder().from(unit, nameServer).to(peer, namesrv);
        topics.forEach(b::topic);
        MessageReplicator started = b.build().start();
        byPeer.put(peer, started);
        peerNameServers.put(peer, namesrv);
        onStart.forEach(a -> a.accept(started));
    }

    /** Runs {@code action} for every replicator running now and for each one started later (after an endpoint moved). */
    public synchronized void eachStarted(Consumer<MessageReplicator> action) {
        byPeer.values().forEach(action);
        onStart.add(action);
    }

    /** The units replicated to. */
    public synchronized Set<String> peers() {
        return Set.copyOf(byPeer.keySet());
    }

    /** Messages copied to {@code peer} since this process started, across reconnects. */
    public synchronized long copied(String peer) {
        MessageReplicator r = byPeer.get(peer);
        return retired.getOrDefault(peer, new long[2])[0] + (r == null ? 0 : r.copied());
    }

    /** Copies to {@code peer} that failed since this process started, across reconnects. */
    public synchronized long failures(String peer) {
        MessageReplicator r = byPeer.get(peer);
        return retired.getOrDefault(peer, new long[2])[1] + (r == null ? 0 : r.failures());
    }

    /** Follows a new unit directory: a peer whose name server moved gets a new replicator. */
    synchronized void follow(UnitDirectory.Local previous, UnitDirectory.Local current) {
        if (previous == null) {
            return; // the directory the replicators were started from
        }
        for (UnitDefinition peer : current.peers()) {
            String now = peer.endpoint(UnitEndpoints.ROCKETMQ);
            String before = peerNameServers.get(peer.code());
            if (now == null || now.equals(before) || !byPeer.containsKey(peer.code())) {
                continue;
            }
            log.info("UNITIZE-MQ-043 unit {}'s name server moved from {} to {} (rules version {}): its replicator reconnects",
                    peer.code(), before, now, current.version());
            MessageReplicator old = byPeer.remove(peer.code());
            old.close();
            long[] counts = retired.computeIfAbsent(peer.code(), k -> new long[2]);
            counts[0] += old.copied();
            counts[1] += old.failures();
            try {
                startTo(peer.code(), now);
            } catch (RuntimeException e) {
                log.error("UNITIZE-MQ-044 the replicator to unit {} cannot start against {}: {}. Messages wait in this unit's broker. "
                        + "Next: check that name server, then publish the rules again or restart", peer.code(), now, e.toString(), e);
            }
        }
    }

    public synchronized List<MessageReplicator> all() {
        return List.copyOf(byPeer.values());
    }

    /** The name server the replicator to {@code peer} copies to. */
    public synchronized String nameServerOf(String peer) {
        return peerNameServers.get(peer);
    }

    @Override
    public synchronized void close() {
        new ArrayList<>(byPeer.values()).forEach(MessageReplicator::close);
        byPeer.clear();
    }
}
