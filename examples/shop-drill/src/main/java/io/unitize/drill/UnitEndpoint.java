package io.unitize.drill;

/** Where the checker reads one unit: its shop database (JDBC), the database's {@code @@server_id}, its Redis. */
public record UnitEndpoint(String code, String jdbcUrl, String user, String password, long serverId, String redisUri) {
}
