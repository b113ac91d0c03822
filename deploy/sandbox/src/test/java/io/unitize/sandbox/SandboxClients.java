package io.unitize.sandbox;


import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Small client helpers for the sandbox's own tests. */
final class SandboxClients {

    private SandboxClients() {
    }

    static Properties nacos(SandboxUnit unit) {
        Properties p = new Properties();
        p.setProperty("serverAddr", unit.nacosAddr());
        p.setProperty("JM.SNAPSHOT.PATH", Path.of("target", "nacos-client").toAbsolutePath().toString());
        return p;
    }

    static String queryString(SandboxUnit unit, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        } catch (java.sql.SQLSyntaxErrorException e) {
            return null; // table not replicated yet
        }
    }

    /** Polls {@code call} until {@code done} holds or 60 s pass; returns the last value. */
    static <T> T await(Callable<T> call, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        T last = null;
        while (System.nanoTime() < deadline) {
            last = call.call();
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }
}
