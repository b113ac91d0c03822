package io.unitize.sandbox;

/** The kinds of real servers the sandbox runs in each unit. */
public enum ServerKind {
    /** Nacos 3.1, config + naming, standalone, embedded Derby (child JVM). */
    NACOS,
    /** RocketMQ 5.5 name server and broker (two child JVMs). */
    ROCKETMQ,
    /** MariaDB 11.4 with ROW binlog and GTID; the units' databases replicate both ways (native process). */
    MARIADB,
    /** Redis 6.2 (native process). */
    REDIS,
    /** Canal 1.1.7 server reading the unit's binlog (child JVM); needs {@link #MARIADB}. */
    CANAL
}
