package io.holdfast.promise;

import io.holdfast.account.Account;
import io.holdfast.account.AccountImport;
import io.holdfast.account.AccountStore;
import io.holdfast.core.Mentions;
import io.holdfast.core.Tenant;
import io.holdfast.core.UserInputException;
import io.holdfast.core.Whitespace;
import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code import promises}: a team's promise history from a spreadsheet, written in batches of
 * {@value #CHUNK} rows per transaction with one block of promise numbers per batch. Past due times are
 * allowed because the rows are history. There is no natural key, so every row is a new promise.
 */
public final class PromiseImport {
    public static final List<String> HEADER = List.of("account", "owner", "text", "due", "status");
    static final int CHUNK = 2_000;
    /** Origin channel when the account has none: the column cannot be empty, and a sheet does not say where a promise was made. */
    static final String NO_CHANNEL = "import";
    private static final String INSERT = "INSERT INTO promises (tenant_id, number, account_id, owner_id, author_id, text, due_at, due_zone, "
            + "status, created_at, updated_at, closed_at, origin_channel, version, next_nudge_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)";

    private final Database db;
    private final Tenant tenant;
    private final Clock clock;
    private final AccountStore accounts;
    /** Accounts by normalised name, loaded once so 200,000 rows do not mean 200,000 look-ups. */
    private final Map<String, Target> targets;
    private final List<Row> pending = new ArrayList<>();
    private int imported;
    private int newAccounts;

    private record Row(String account, String ownerId, String text, Due due, PromiseStatus status) {}

    private record Target(long accountId, String channel) {}

    public PromiseImport(Database db, Tenant tenant, Clock clock) {
        this.db = db;
        this.tenant = tenant;
        this.clock = clock;
        this.accounts = new AccountStore(clock);
        this.targets = new HashMap<>();
        for (Map.Entry<String, Target> known : db.read(c -> Sql.list(c, "SELECT id, normalized_name, channel FROM accounts WHERE tenant_id = ?",
                rs -> Map.entry(rs.getString("normalized_name"), new Target(rs.getLong("id"), rs.getString("channel"))), tenant.id()))) {
            targets.put(known.getKey(), known.getValue());
        }
    }

    /**
     * Checks one row, keyed by {@link #HEADER} column, and queues it; a full chunk is written at once.
     *
     * @throws UserInputException saying what is wrong with the row, which is then not imported
     */
    public void add(Map<String, String> cells) {
        String account = Whitespace.collapsed(cells.get("account"));
        if (account.isEmpty()) {
            throw new UserInputException("account is missing.");
        }
        String owner = AccountImport.userId("owner", cells.get("owner"));
        if (owner == null) {
            throw new UserInputException("owner is missing.");
        }
        String text = cells.get("text");
        if (text.isEmpty()) {
            throw new UserInputException("text is missing.");
        }
        if (text.length() > PromiseSentence.MAX_TEXT) {
            throw new UserInputException("text is " + text.length() + " characters; keep it to " + PromiseSentence.MAX_TEXT + ".");
        }
        // A spreadsheet cell is typed text: a "<@X>" in it shows as typed instead of mentioning someone.
        pending.add(new Row(account, owner, Mentions.literal(text), due(cells.get("due")), status(cells.get("status"))));
        if (pending.size() == CHUNK) {
            flush();
        }
    }

    /** Writes what is still queued and returns the summary line. */
    public String finish() {
        flush();
        return "Imported " + imported + (imported == 1 ? " promise" : " promises") + " (" + newAccounts
                + (newAccounts == 1 ? " new account" : " new accounts") + ").";
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        db.write(c -> {
            long number = reserveNumbers(c, pending.size());
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Row row : pending) {
                    Target target = target(c, row.account());
                    insert.setLong(1, tenant.id());
                    insert.setLong(2, number++);
                    insert.setLong(3, target.accountId());
                    insert.setString(4, row.ownerId());
                    // The owner, not a pseudo-user: the card shows the author as a mention and lets them edit.
                    insert.setString(5, row.ownerId());
                    insert.setString(6, row.text());
                    insert.setLong(7, row.due().at().toEpochMilli());
                    insert.setString(8, row.due().zone().getId());
                    insert.setString(9, row.status().name());
                    insert.setLong(10, now.toEpochMilli());
                    insert.setLong(11, now.toEpochMilli());
                    insert.setObject(12, closedAt(row, now), Types.BIGINT);
                    insert.setString(13, target.channel() == null ? NO_CHANNEL : target.channel());
                    insert.setLong(14, row.due().at().toEpochMilli());
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
        imported += pending.size();
        pending.clear();
    }

    /**
     * The sheet does not say when a promise was closed. Its due time (or now, if that is still ahead) keeps
     * imported history from counting as kept late, or as closed just now.
     */
    private static Long closedAt(Row row, Instant now) {
        if (row.status() == PromiseStatus.OPEN) {
            return null;
        }
        return (row.due().at().isBefore(now) ? row.due().at() : now).toEpochMilli();
    }

    private Target target(Connection c, String name) throws SQLException {
        String key = AccountStore.normalize(name);
        Target known = targets.get(key);
        if (known != null) {
            return known;
        }
        Account created = accounts.findOrCreate(c, tenant.id(), name);
        Target target = new Target(created.id(), accounts.channel(c, tenant.id(), created.id()).orElse(null));
        targets.put(key, target);
        newAccounts++;
        return target;
    }

    /** Takes {@code count} consecutive numbers from the tenant's promise counter, the one /promise uses; returns the first. */
    private long reserveNumbers(Connection c, int count) throws SQLException {
        int bumped = Sql.update(c, "UPDATE counters SET next_value = next_value + ? WHERE tenant_id = ? AND name = 'promise'", count, tenant.id());
        if (bumped == 0) {
            Sql.update(c, "INSERT INTO counters (tenant_id, name, next_value) VALUES (?, 'promise', ?)", tenant.id(), count + 1L);
            return 1;
        }
        return Sql.count(c, "SELECT next_value FROM counters WHERE tenant_id = ? AND name = 'promise'", tenant.id()) - count;
    }

    private record Due(Instant at, ZoneId zone) {}

    /**
     * A date is due at the end of that working day in the workspace's zone, as a date alone is in /promise;
     * an instant is kept as given, in UTC because the sheet does not say whose zone it was written in.
     */
    private Due due(String cell) {
        if (cell.isEmpty()) {
            throw new UserInputException("due is missing.");
        }
        try {
            if (cell.contains("T")) {
                return new Due(OffsetDateTime.parse(cell).toInstant(), ZoneOffset.UTC);
            }
            return new Due(LocalDate.parse(cell).atTime(tenant.calendar().workdayEnd()).atZone(tenant.zone()).toInstant(), tenant.zone());
        } catch (DateTimeException e) {
            throw new UserInputException("due \"" + cell + "\" is not a date or an instant: write it like 2026-03-31 or 2026-03-31T15:00:00Z.");
        }
    }

    private static PromiseStatus status(String cell) {
        if (cell.isEmpty()) {
            return PromiseStatus.OPEN;
        }
        try {
            return PromiseStatus.valueOf(cell.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("status \"" + cell + "\" is not open, done or cancelled.");
        }
    }
}
