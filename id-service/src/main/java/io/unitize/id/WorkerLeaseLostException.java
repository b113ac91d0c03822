package io.unitize.id;

/** This process no longer holds its worker id (its lease expired or was taken): it must not issue snowflake IDs. */
public class WorkerLeaseLostException extends IllegalStateException {

    public WorkerLeaseLostException(String message) {
        super(message);
    }
}
