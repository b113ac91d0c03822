package io.unitize.sandbox.internal;

import java.util.List;

/** A server that is one process: stop, kill and the process list are the same for all of them. */
abstract class SingleProcessNode implements ServerNode {

    protected ManagedProcess process;

    @Override
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    @Override
    public List<ManagedProcess> processes() {
        return process == null ? List.of() : List.of(process);
    }
}
