package io.holdfast.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConnection;

/**
 * The write connection's prepared statements, kept from one batch to the next. sqlite-jdbc (like
 * HikariCP) keeps none, so every insert of every command was parsed and planned again on the one
 * writer thread: a profile of the acknowledgement benchmark found a fifth of the writer's time in
 * preparing statements. Used by the writer thread only.
 *
 * <p>Repositories keep writing {@code try (PreparedStatement ps = c.prepareStatement(sql))}: the
 * connection they are handed gives out a kept statement, and closing it only clears its parameters.
 * A statement still open when the same SQL is asked for again (a query inside its own row mapper) is
 * prepared afresh, and so is SQL past the first {@link #MAX_KEPT} texts (lists of ids built per call).
 */
final class SqliteStatements {
    private static final int MAX_KEPT = 256;

    private final Map<String, PreparedStatement> kept = new HashMap<>();
    private final Set<String> inUse = new HashSet<>();
    private SQLiteConnection owner;

    /** The pooled connection as the batch's work sees it: the same, but for {@code prepareStatement(sql)}. */
    Connection around(Connection pooled) throws SQLException {
        SQLiteConnection physical = pooled.unwrap(SQLiteConnection.class);
        if (physical != owner) {
            // The pool replaced its connection; statements of the old one went with it.
            kept.clear();
            inUse.clear();
            owner = physical;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> "prepareStatement".equals(method.getName()) && args != null && args.length == 1
                        ? prepared(pooled, (String) args[0]) : forwarded(pooled, method, args));
    }

    /** A statement for the writer's own control SQL (savepoints, commit), kept like the others. */
    PreparedStatement control(String sql) throws SQLException {
        PreparedStatement statement = kept.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = owner.prepareStatement(sql);
            kept.put(sql, statement);
        }
        return statement;
    }

    private PreparedStatement prepared(Connection pooled, String sql) throws SQLException {
        if (inUse.contains(sql) || (!kept.containsKey(sql) && kept.size() >= MAX_KEPT)) {
            return pooled.prepareStatement(sql);
        }
        PreparedStatement statement = control(sql);
        inUse.add(sql);
        InvocationHandler lent = new InvocationHandler() {
            private boolean returned;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close" -> {
                        if (!returned) {
                            returned = true;
                            inUse.remove(sql);
                            statement.clearParameters();
                        }
                        return null;
                    }
                    case "isClosed" -> {
                        return returned;
                    }
                    default -> {
                        if (returned) {
                            throw new SQLException("statement is closed");
                        }
                        return forwarded(statement, method, args);
                    }
                }
            }
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                lent);
    }

    private static Object forwarded(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
