package io.holdfast.account;

import io.holdfast.core.UserInputException;
import io.holdfast.core.Whitespace;
import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code import accounts}: spreadsheet rows of name, ARR, tier, renewal, owner and channel, written in
 * batches of {@value #CHUNK} rows per transaction. A name already in the tenant (compared as
 * {@link AccountStore#normalize} does) updates that account; an empty cell keeps what the account had, so a
 * sheet with a few columns filled in cannot wipe the rest.
 */
public final class AccountImport {
    public static final List<String> HEADER = List.of("name", "arr", "tier", "renewal", "owner", "channel");
    static final int CHUNK = 2_000;
    private static final Pattern MONEY = Pattern.compile("^\\$?([0-9][0-9,]*(?:\\.[0-9]+)?)([kKmM]?)$");
    private static final Pattern USER_ID = Pattern.compile("^@?([A-Za-z0-9._:-]+)$");
    private static final Pattern CHANNEL_ID = Pattern.compile("^#?([A-Za-z0-9._:@-]+)$");
    // PostgreSQL would find a bare column in DO UPDATE ambiguous, so the existing row is named by its table.
    private static final String UPSERT = "INSERT INTO accounts (tenant_id, name, normalized_name, created_at, arr, tier, renewal_date, owner_id, channel) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, normalized_name) DO UPDATE SET "
            + "arr = COALESCE(excluded.arr, accounts.arr), tier = COALESCE(excluded.tier, accounts.tier), "
            + "renewal_date = COALESCE(excluded.renewal_date, accounts.renewal_date), owner_id = COALESCE(excluded.owner_id, accounts.owner_id), "
            + "channel = COALESCE(excluded.channel, accounts.channel)";

    private final Database db;
    private final long tenantId;
    private final Clock clock;
    /** Normalised names already in the tenant or earlier in the file: a row naming one of them is an update. */
    private final Set<String> known;
    private final List<Row> pending = new ArrayList<>();
    private int imported;
    private int updated;

    private record Row(String name, Long arr, AccountProfile.Tier tier, LocalDate renewal, String ownerId, String channel) {}

    public AccountImport(Database db, long tenantId, Clock clock) {
        this.db = db;
        this.tenantId = tenantId;
        this.clock = clock;
        this.known = new HashSet<>(db.read(c -> Sql.list(c, "SELECT normalized_name FROM accounts WHERE tenant_id = ?",
                rs -> rs.getString(1), tenantId)));
    }

    /**
     * Checks one row, keyed by {@link #HEADER} column, and queues it; a full chunk is written at once.
     *
     * @throws UserInputException saying what is wrong with the row, which is then not imported
     */
    public void add(Map<String, String> cells) {
        String name = Whitespace.collapsed(cells.get("name"));
        if (name.isEmpty()) {
            throw new UserInputException("name is missing.");
        }
        Row row = new Row(name, arr(cells.get("arr")), tier(cells.get("tier")), renewal(cells.get("renewal")),
                userId("owner", cells.get("owner")), channelId(cells.get("channel")));
        if (!known.add(AccountStore.normalize(name))) {
            updated++;
        }
        pending.add(row);
        if (pending.size() == CHUNK) {
            flush();
        }
    }

    /** Writes what is still queued and returns the summary line. */
    public String finish() {
        flush();
        return "Imported " + imported + (imported == 1 ? " account" : " accounts") + " (" + updated + " updated).";
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
                for (Row row : pending) {
                    upsert.setLong(1, tenantId);
                    upsert.setString(2, row.name());
                    upsert.setString(3, AccountStore.normalize(row.name()));
                    upsert.setLong(4, now);
                    upsert.setObject(5, row.arr(), Types.BIGINT);
                    upsert.setString(6, row.tier() == null ? null : row.tier().name());
                    upsert.setString(7, row.renewal() == null ? null : row.renewal().toString());
                    upsert.setString(8, row.ownerId());
                    upsert.setString(9, row.channel());
                    upsert.addBatch();
                }
                return upsert.executeBatch();
            }
        });
        imported += pending.size();
        pending.clear();
    }

    /** A whole amount the way spreadsheets write it: 120000, 120,000, $120,000.00, 120k, 1.2m. */
    private static Long arr(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        Matcher m = MONEY.matcher(cell.replace(" ", ""));
        if (!m.matches()) {
            throw new UserInputException("arr \"" + cell + "\" is not an amount: write it like 120000, 120,000 or 120k.");
        }
        BigDecimal amount = new BigDecimal(m.group(1).replace(",", ""));
        BigDecimal scaled = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> amount.movePointRight(3);
            case "m" -> amount.movePointRight(6);
            default -> amount;
        };
        try {
            return scaled.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new UserInputException("arr \"" + cell + "\" is too large.");
        }
    }

    private static AccountProfile.Tier tier(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        try {
            return AccountProfile.Tier.valueOf(cell.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("tier \"" + cell + "\" is not standard, high or strategic.");
        }
    }

    private static LocalDate renewal(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(cell);
        } catch (DateTimeException e) {
            throw new UserInputException("renewal \"" + cell + "\" is not a date: write it like 2027-03-31.");
        }
    }

    /**
     * A person's platform id from a cell, with or without the leading @ people type for mentions; null for an
     * empty cell. Only id characters are accepted, so a display name like "Dana Smith" is refused rather
     * than stored as an id nobody has.
     */
    public static String userId(String column, String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        Matcher m = USER_ID.matcher(cell);
        if (!m.matches()) {
            throw new UserInputException(column + " \"" + cell + "\" is not a user id: write it like U012AB3CD or @U012AB3CD.");
        }
        return m.group(1);
    }

    private static String channelId(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        Matcher m = CHANNEL_ID.matcher(cell);
        if (!m.matches()) {
            throw new UserInputException("channel \"" + cell + "\" is not a channel id: write it like C012AB3CD or #C012AB3CD.");
        }
        return m.group(1);
    }
}
