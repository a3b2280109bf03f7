package io.holdfast.store;

import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the bot posts on its own, written in the same transaction as the change that caused it
 * and delivered later by the delivery worker. The idempotency key makes a repeated enqueue a no-op,
 * so a retried command or a restart never posts twice.
 */
public final class Outbox {
    public static final int MAX_ATTEMPTS = 12;
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final String KNOWN_ACTIONS = Arrays.stream(Action.values()).map(a -> "'" + a.name() + "'").collect(Collectors.joining(", "));
    private static final String UNCLAIMED = "claimed_by = NULL, claimed_until = NULL";

    private final Database db;
    private final Clock clock;
    private final MessageJson json = new MessageJson();

    public Outbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public enum Action { POST, UPDATE }

    /** SUPERSEDED: an update that a newer update of the same message replaced before it was sent. */
    public enum Status { PENDING, SENT, FAILED, SUPERSEDED }

    /**
     * One row of the outbox.
     *
     * @param threadKey key of an earlier post to reply under, or null for a top-level post
     * @param targetKey key of the earlier post an UPDATE rewrites
     * @param subject   what the post is about (e.g. {@code promise-card:42}), told to listeners once sent
     * @param message   null when a claimed row's stored message could not be read: written by a newer release
     *                  during a rolling update, say, which another replica can still post, so it is retried, not
     *                  failed at once
     */
    public record Entry(long id, long tenantId, String key, Action action, String channel, String threadKey, String targetKey,
                        String subject, Message message, Status status, int attempts, Instant nextAttemptAt, String lastError,
                        String sentChannel, String sentRef) {

        Entry withMessage(Message body) {
            return new Entry(id, tenantId, key, action, channel, threadKey, targetKey, subject, body, status, attempts, nextAttemptAt, lastError,
                    sentChannel, sentRef);
        }
    }

    /** A claimed row with its body still as stored: it is read into a message after the claim commits. */
    private record Unread(Entry entry, String body) {}

    /** Where a delivered post landed: the channel and the platform's message reference (Slack ts). */
    public record Landing(String channel, String ref) {}

    /** Queues a post; returns false when a post with this key was queued before (nothing changes then). */
    public boolean post(Connection c, long tenantId, String key, String channel, String threadKey, String subject, Message message)
            throws SQLException {
        return enqueue(c, tenantId, key, Action.POST, channel, threadKey, null, subject, message);
    }

    /** Rewrites the post with {@code targetKey}; {@code channel} is where it was posted, so rate limits hold the right channel. */
    public void update(Connection c, long tenantId, String key, String channel, String targetKey, Message message) throws SQLException {
        // Only the newest state matters; an older update still waiting (e.g. for a retry) must not land after it.
        Sql.update(c, "UPDATE outbox SET status = 'SUPERSEDED' WHERE tenant_id = ? AND target_key = ? AND status = 'PENDING' "
                + "AND idempotency_key <> ?", tenantId, targetKey, key);
        enqueue(c, tenantId, key, Action.UPDATE, channel, null, targetKey, null, message);
    }

    private boolean enqueue(Connection c, long tenantId, String key, Action action, String channel, String threadKey, String targetKey,
                            String subject, Message message) throws SQLException {
        return 1 == Sql.update(c, "INSERT INTO outbox (tenant_id, idempotency_key, action, channel, thread_key, target_key, subject, body, status, "
                        + "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) "
                        + "ON CONFLICT (tenant_id, idempotency_key) DO NOTHING",
                tenantId, key, action.name(), channel, threadKey, targetKey, subject, json.write(message), clock.millis(), clock.millis());
    }

    /**
     * Claims up to {@code limit} pending rows whose time has come, oldest first, for {@code worker}
     * until {@code lease} from now: no other worker gets them meanwhile. Only rows of tenants on
     * {@code platforms} are claimed: a process that cannot reach a platform (the console, or a server
     * without Slack credentials) leaves those rows for one that can, instead of failing them. A row whose
     * stored message cannot be read comes back with no message (see {@link Entry}), so it is retried on
     * its own and holds up neither the claim nor the other rows of its channel; its thread replies and
     * updates wait for it, as they wait for any card not yet posted. A row whose action this version
     * does not know (one a newer release added) is not claimed here at all.
     */
    public List<Entry> claim(String worker, Set<Platform> platforms, int limit, Duration lease) {
        if (platforms.isEmpty()) {
            return List.of();
        }
        long now = clock.millis();
        List<Object> params = new ArrayList<>(List.of(now, now, now));
        platforms.forEach(p -> params.add(p.name()));
        params.add(limit);
        long until = now + lease.toMillis();
        String query = claimQuery(platforms.size(), db.dialect());
        List<Unread> claimed = db.write(c -> {
            List<Unread> due = Sql.list(c, query, rs -> new Unread(entry(rs, null), rs.getString("body")), params.toArray());
            if (!due.isEmpty()) {
                List<Object> claim = new ArrayList<>(List.of(worker, until));
                due.forEach(row -> claim.add(row.entry().id()));
                Sql.update(c, "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id IN ("
                        + String.join(", ", Collections.nCopies(due.size(), "?")) + ")", claim.toArray());
            }
            return due;
        });
        // Read outside the transaction: on SQLite every other command waits while the single writer works.
        List<Entry> entries = new ArrayList<>();
        for (Unread row : claimed) {
            entries.add(row.entry().withMessage(messageOf(row)));
        }
        // Each channel's rows are posted in the order they were queued.
        entries.sort(Comparator.comparingLong(Entry::id));
        return entries;
    }

    /**
     * The claim's query for {@code platforms} platforms; parameters: now three times, the platforms, the limit.
     * Package-visible so a test can hold its plan to the index it was written for.
     */
    static String claimQuery(int platforms, Dialect dialect) {
        String in = String.join(", ", Collections.nCopies(platforms, "?"));
        // A thread reply waits while an earlier reply in the same thread is still pending, so a thread reads in order.
        // An update waits while another worker is posting an older update of the same message, so the newest lands last.
        // Oldest due first, in the order of outbox_due_in_order, so the claim stops at the limit (see V12).
        return "SELECT o.* FROM outbox o JOIN tenants t ON t.id = o.tenant_id WHERE o.status = 'PENDING' "
                + "AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?) "
                + "AND (o.target_key IS NULL OR NOT EXISTS (SELECT 1 FROM outbox u WHERE u.tenant_id = o.tenant_id "
                + "AND u.target_key = o.target_key AND u.id <> o.id AND u.claimed_until > ?)) AND t.platform IN (" + in + ") "
                // A paused tenant's posts are held, not failed: they go out when its workspace installs again.
                + "AND t.paused_at IS NULL AND o.action IN (" + KNOWN_ACTIONS + ") "
                + "AND (o.thread_key IS NULL OR NOT EXISTS (SELECT 1 FROM outbox e WHERE e.tenant_id = o.tenant_id "
                + "AND e.thread_key = o.thread_key AND e.status = 'PENDING' AND e.id < o.id)) ORDER BY o.next_attempt_at, o.id LIMIT ?"
                + dialect.skipLocked("o");
    }

    private Message messageOf(Unread row) {
        try {
            return json.read(row.body());
        } catch (RuntimeException unreadable) {
            // Only the kind of failure: the parser's own message can quote the body, which is user text.
            log.warn("outbox row {} ({}) holds a message this version cannot read ({})", row.entry().id(), row.entry().key(),
                    unreadable.getCause() == null ? unreadable.getClass().getSimpleName() : unreadable.getCause().getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Extends {@code worker}'s claim on {@code entry} just before posting it; false when the row must
     * not be posted now after all: the claim lapsed and another worker took it over, a newer update
     * replaced it, or another replica was rate limited in its channel meanwhile.
     */
    public boolean renewClaim(Entry entry, String worker, Duration lease) {
        return db.write(c -> renewed(c, entry, worker, lease));
    }

    private boolean renewed(Connection c, Entry entry, String worker, Duration lease) throws SQLException {
        long now = clock.millis();
        return 1 == Sql.update(c, "UPDATE outbox SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND status = 'PENDING' "
                + "AND next_attempt_at <= ?", now + lease.toMillis(), entry.id(), worker, now);
    }

    /** Gives back every row {@code worker} still holds, so the next pass of any worker can take the ones it did not get to. */
    public void releaseClaims(String worker) {
        db.write(c -> Sql.update(c, "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", worker));
    }

    /** The earliest moment after {@code now} at which a pending row becomes due, if any is waiting. */
    public Optional<Instant> nextAttemptAfter(Instant now) {
        return db.read(c -> Sql.one(c, "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'PENDING' AND next_attempt_at > ?",
                rs -> rs.getObject(1) == null ? null : Instant.ofEpochMilli(rs.getLong(1)), now.toEpochMilli()));
    }

    /** Where the post with {@code key} landed, once it has been delivered. */
    public Optional<Landing> landing(long tenantId, String key) {
        return db.read(c -> Sql.one(c, "SELECT sent_channel, sent_ref FROM outbox WHERE tenant_id = ? AND idempotency_key = ? AND status = 'SENT'",
                rs -> new Landing(rs.getString(1), rs.getString(2)), tenantId, key));
    }

    public Optional<Status> status(long tenantId, String key) {
        return db.read(c -> Sql.one(c, "SELECT status FROM outbox WHERE tenant_id = ? AND idempotency_key = ?",
                rs -> Status.valueOf(rs.getString(1)), tenantId, key));
    }

    /** Only a row still pending is marked: one a newer update superseded meanwhile stays superseded. */
    public void markSent(Entry entry, Landing landing, Listener listener) {
        db.write(c -> {
            markSent(c, entry, landing, listener);
            return null;
        });
    }

    /**
     * Marks {@code entry} sent and renews {@code worker}'s claim on {@code next}, the row its channel posts next, in one
     * trip to SQLite's single writer instead of two; returns whether {@code next} may be posted now, as {@link #renewClaim} does.
     */
    public boolean markSentAndRenew(Entry entry, Landing landing, Listener listener, Entry next, String worker, Duration lease) {
        if (db.dialect().locksRows()) {
            // Two of a channel's rows in one transaction could deadlock with another replica holding the channel back
            // (holdChannel locks all of them, in no set order), and a deadlock that undid "sent" would post the row again.
            markSent(entry, landing, listener);
            return renewClaim(next, worker, lease);
        }
        return db.write(c -> {
            markSent(c, entry, landing, listener);
            return renewed(c, next, worker, lease);
        });
    }

    private void markSent(Connection c, Entry entry, Landing landing, Listener listener) throws SQLException {
        int marked = Sql.update(c, "UPDATE outbox SET status = 'SENT', attempts = attempts + 1, sent_at = ?, sent_channel = ?, sent_ref = ?, "
                + "last_error = NULL, " + UNCLAIMED + " WHERE id = ? AND status = 'PENDING'", clock.millis(), landing.channel(), landing.ref(),
                entry.id());
        if (marked == 1 && entry.subject() != null) {
            listener.sent(c, entry.tenantId(), entry.subject(), landing);
        }
    }

    /**
     * The platform lost the post an update was for, and the update went out as a fresh post instead:
     * later updates and thread replies follow the new post, and its subject's listener learns where it is.
     */
    public void markMoved(Entry update, Landing moved, Listener listener) {
        db.write(c -> {
            Sql.update(c, "UPDATE outbox SET sent_channel = ?, sent_ref = ? WHERE tenant_id = ? AND idempotency_key = ? AND status = 'SENT'",
                    moved.channel(), moved.ref(), update.tenantId(), update.targetKey());
            Sql.update(c, "UPDATE outbox SET status = 'SENT', attempts = attempts + 1, sent_at = ?, sent_channel = ?, sent_ref = ?, "
                    + "last_error = NULL, " + UNCLAIMED + " WHERE id = ? AND status = 'PENDING'", clock.millis(), moved.channel(), moved.ref(),
                    update.id());
            Optional<String> subject = Sql.one(c, "SELECT subject FROM outbox WHERE tenant_id = ? AND idempotency_key = ?",
                    rs -> rs.getString(1), update.tenantId(), update.targetKey());
            if (subject.isPresent()) {
                listener.sent(c, update.tenantId(), subject.get(), moved);
            }
            return null;
        });
    }

    /** Tries again at {@code at}; counts an attempt unless the platform only asked us to wait. */
    public void retryAt(Entry entry, Instant at, String error, boolean countAttempt) {
        db.write(c -> Sql.update(c, "UPDATE outbox SET attempts = attempts + ?, next_attempt_at = ?, last_error = ?, " + UNCLAIMED
                        + " WHERE id = ? AND status = 'PENDING'",
                countAttempt ? 1 : 0, at.toEpochMilli(), error, entry.id()));
    }

    /**
     * Holds every pending row of a channel until {@code until}, because the platform asked us to wait;
     * kept in the table, so the wait survives a restart and other channels' rows aren't crowded out.
     */
    public void holdChannel(long tenantId, String channel, Instant until) {
        long millis = until.toEpochMilli();
        db.write(c -> Sql.update(c, "UPDATE outbox SET next_attempt_at = CASE WHEN next_attempt_at < ? THEN ? ELSE next_attempt_at END "
                + "WHERE tenant_id = ? AND channel = ? AND status = 'PENDING'", millis, millis, tenantId, channel));
    }

    public void markFailed(Entry entry, String error, Listener listener) {
        db.write(c -> {
            int marked = Sql.update(c, "UPDATE outbox SET status = 'FAILED', attempts = attempts + 1, last_error = ?, " + UNCLAIMED
                    + " WHERE id = ? AND status = 'PENDING'", error, entry.id());
            if (marked == 1 && entry.subject() != null) {
                listener.failed(c, entry.tenantId(), entry.subject(), error);
            }
            return null;
        });
    }

    /** Rows given up on, newest first, with why: what an operator reads after a delivery alert. */
    public List<Entry> failed(int limit) {
        // Without their messages: an operator reads where and why, and a row failed for an unreadable message must list too.
        return db.read(c -> Sql.list(c, "SELECT * FROM outbox WHERE status = 'FAILED' ORDER BY id DESC LIMIT ?", rs -> entry(rs, null), limit));
    }

    public long pendingCount() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'"));
    }

    /**
     * What is waiting to be delivered: how many rows, and when the oldest of them was queued (empty when
     * none is). Rows of paused tenants are counted apart as {@code held}: they wait for their workspace
     * to install again, which no operator can hurry, so they must not keep a lateness alert firing.
     */
    public record Backlog(long pending, Optional<Instant> oldestQueuedAt, long held) {}

    /** The backlog in one query, for the metrics scrape. */
    public Backlog backlog() {
        return db.read(c -> Sql.one(c, "SELECT COUNT(CASE WHEN t.paused_at IS NULL THEN 1 END), "
                        + "MIN(CASE WHEN t.paused_at IS NULL THEN o.created_at END), COUNT(t.paused_at) "
                        + "FROM outbox o LEFT JOIN tenants t ON t.id = o.tenant_id WHERE o.status = 'PENDING'",
                rs -> new Backlog(rs.getLong(1), rs.getObject(2) == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rs.getLong(2))),
                        rs.getLong(3)))
                .orElseThrow());
    }

    private static Entry entry(ResultSet rs, Message message) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("idempotency_key"), Action.valueOf(rs.getString("action")),
                rs.getString("channel"), rs.getString("thread_key"), rs.getString("target_key"), rs.getString("subject"),
                message, Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")), rs.getString("last_error"), rs.getString("sent_channel"),
                rs.getString("sent_ref"));
    }

    /** Told, inside the marking transaction, where a post about a subject landed (e.g. to remember a card's ts). */
    @FunctionalInterface
    public interface Listener {

        /** Tells each of {@code listeners} in turn; each ignores subjects that aren't its own. */
        static Listener all(List<Listener> listeners) {
            return new Listener() {
                @Override
                public void sent(Connection c, long tenantId, String subject, Landing landing) throws SQLException {
                    for (Listener listener : listeners) {
                        listener.sent(c, tenantId, subject, landing);
                    }
                }

                @Override
                public void failed(Connection c, long tenantId, String subject, String error) throws SQLException {
                    for (Listener listener : listeners) {
                        listener.failed(c, tenantId, subject, error);
                    }
                }
            };
        }

        void sent(Connection c, long tenantId, String subject, Landing landing) throws SQLException;

        /** Told when a post about a subject was given up on, so someone can be told instead of nobody. */
        default void failed(Connection c, long tenantId, String subject, String error) throws SQLException {
        }
    }
}
