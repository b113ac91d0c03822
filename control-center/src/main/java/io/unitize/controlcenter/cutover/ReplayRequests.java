package io.unitize.controlcenter.cutover;

import io.unitize.core.ReplayRequest;

/** Delivers a replay request to the target unit's MQ layer. */
public interface ReplayRequests {

    /** @throws Exception when it could not be delivered (retried until the step's timeout) */
    void send(ReplayRequest request) throws Exception;
}
