package io.unitize.controlcenter.cutover;

/** How the control center confirms that the data written before T has reached the target unit. */
public enum SyncMode {
    /** A marker row written in the source database is looked for in the target database (any replication tool). */
    MARKER,
    /** MariaDB native replication: the marker's GTID is waited for on the target with MASTER_GTID_WAIT. */
    GTID,
    /**
     * An external syncer (Otter/DRC style) carries the marker row and, once it has applied it in the
     * target unit, replies with a message on the target unit's RocketMQ (key = marker id).
     */
    MQ_REPLY
}
