package io.unitize.controlcenter.cutover;

import java.util.List;
import java.util.Optional;

/** Where cutover state survives a restart. {@link #save} must be durable when it returns. */
public interface CutoverRepository {

    void save(Cutover cutover);

    Optional<Cutover> find(String id);

    /** Cutovers that are RUNNING or ROLLING_BACK. */
    List<Cutover> unfinished();

    /** Finished cutovers with a replay request still undelivered ({@link Cutover#replaysPending()} not empty), oldest first. */
    List<Cutover> replaysPending();

    /** The most recent cutovers, newest first. */
    List<Cutover> recent(int limit);
}
