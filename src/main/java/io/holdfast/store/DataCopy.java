package io.holdfast.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Copies every row of one Holdfast database into another, empty one on the same schema version:
 * how an install moves from SQLite to PostgreSQL. Tables are found in the schema, not listed here,
 * so a table added by a later migration is copied too; they are copied parents first, from one
 * snapshot of the source (which is only read) in one transaction on the target, so a failed copy
 * leaves the target empty.
 */
public final class DataCopy {
    private static final int BATCH = 1_000;

    private final Database from;
    private final Database to;

    public DataCopy(Database from, Database to) {
        this.from = from;
        this.to = to;
    }

    /** Rows per table, parents first. */
    public record Counts(Map<String, Long> rows) {}

    /** The tables holding Holdfast's data, parents before the tables that refer to them. */
    public List<String> tables() {
        return from.read(c -> {
            DatabaseMetaData meta = c.getMetaData();
            Map<String, Set<String>> parents = new TreeMap<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (isData(table)) {
                        parents.put(table, new LinkedHashSet<>());
                    }
                }
            }
            for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
                try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), table.getKey())) {
                    while (rs.next()) {
                        String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                        if (!parent.equals(table.getKey())) {
                            table.getValue().add(parent);
                        }
                    }
                }
            }
            return parentsFirst(parents);
        });
    }

    /**
     * Flyway's history belongs to each database (the target ran the same migrations itself), and
     * Quartz's tables hold only triggers, which every start plans again from the subscriptions.
     */
    private static boolean isData(String table) {
        return !table.startsWith("flyway_") && !table.startsWith("qrtz_") && !table.startsWith("sqlite_");
    }

    private static List<String> parentsFirst(Map<String, Set<String>> parents) {
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < parents.size()) {
            boolean progress = false;
            for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
                if (!placed.contains(table.getKey()) && placed.containsAll(table.getValue().stream().filter(parents::containsKey).toList())) {
                    placed.add(table.getKey());
                    order.add(table.getKey());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("the tables' foreign keys form a cycle: " + parents);
            }
        }
        return order;
    }

    /** Row counts of {@code db}'s copy of each table. */
    public static Counts count(Database db, List<String> tables) {
        return db.read(c -> {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                rows.put(table, Sql.count(c, "SELECT COUNT(*) FROM " + table));
            }
            return new Counts(rows);
        });
    }

    /**
     * Copies {@code tables} (parents first) from one snapshot of the source, in one transaction on the
     * target, and checks each table's count on both sides before committing: a mismatch rolls the whole
     * copy back and throws. Returns the rows per table.
     */
    public Counts copy(List<String> tables) {
        return to.write(target -> from.read(source -> {
            source.setAutoCommit(false);
            try {
                Map<String, Long> written = new LinkedHashMap<>();
                List<String> mismatches = new ArrayList<>();
                for (String table : tables) {
                    long rows = copyTable(source, target, table);
                    long inSource = Sql.count(source, "SELECT COUNT(*) FROM " + table);
                    long inTarget = Sql.count(target, "SELECT COUNT(*) FROM " + table);
                    if (rows != inSource || inTarget != inSource) {
                        mismatches.add(table + " (source " + inSource + ", copied " + inTarget + ")");
                    }
                    written.put(table, inTarget);
                }
                if (!mismatches.isEmpty()) {
                    throw new IllegalStateException("row counts differ in " + String.join(", ", mismatches));
                }
                for (String table : tables) {
                    to.dialect().continueIdentityAfterCopy(target, table);
                }
                return new Counts(written);
            } finally {
                source.rollback();
                source.setAutoCommit(true);
            }
        }));
    }

    private static long copyTable(Connection source, Connection target, String table) throws SQLException {
        try (Statement select = source.createStatement()) {
            select.setFetchSize(BATCH);
            try (ResultSet rs = select.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData columns = rs.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    names.add(columns.getColumnName(i).toLowerCase(Locale.ROOT));
                }
                String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                        + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
                long rows = 0;
                try (PreparedStatement ps = target.prepareStatement(insert)) {
                    while (rs.next()) {
                        for (int i = 1; i <= names.size(); i++) {
                            ps.setObject(i, rs.getObject(i));
                        }
                        ps.addBatch();
                        if (++rows % BATCH == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                return rows;
            }
        }
    }
}
