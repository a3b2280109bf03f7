package io.holdfast.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's plan for the queries a piece of code really runs: a wrapped connection records each statement it is
 * asked to prepare, and {@link #explain} asks SQLite how it would run one. Plans are checked without statistics,
 * as a freshly migrated database has none.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** A connection that passes everything to {@code connection} and adds each prepared statement's SQL to {@code prepared}. */
    public static Connection recording(Connection connection, List<String> prepared) {
        return (Connection) Proxy.newProxyInstance(QueryPlans.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")) {
                prepared.add((String) args[0]);
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** SQLite's plan for {@code sql}, one line per step, parameters left unbound. */
    public static List<String> explain(Connection connection, String sql) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                steps.add(rs.getString("detail"));
            }
        }
        return steps;
    }
}
