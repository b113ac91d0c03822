package io.unitize.mq.spring;

/**
 * This unit's RocketMQ name server(s), {@code host:port[;host:port]}, as the starter resolved it at
 * startup: the {@code rocketmq} endpoint of this unit in units[] of the process's rules (the deprecated
 * {@code unitize.mq.name-server} only where units[] gives none). The producer, the consumer groups and
 * the replicators connect to it.
 */
public record LocalNameServer(String address) {
}
