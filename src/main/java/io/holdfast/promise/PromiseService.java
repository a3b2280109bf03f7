package io.holdfast.promise;

import io.holdfast.account.Account;
import io.holdfast.account.AccountStore;
import io.holdfast.core.Actor;
import io.holdfast.core.Message;
import io.holdfast.core.People;
import io.holdfast.core.UserInputException;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * The rules of promises. Each change is one transaction: the row, its event, the card update and the
 * thread message commit together, and the delivery worker is woken only after the commit.
 */
public final class PromiseService {
    public static final int LIST_LIMIT = 20;

    private final Database db;
    private final PromiseStore promises;
    private final AccountStore accounts;
    private final Outbox outbox;
    private final PromiseMessages messages;
    private final People people;
    private final Clock clock;
    private final Runnable afterCommit;

    public PromiseService(Database db, PromiseStore promises, AccountStore accounts, Outbox outbox, PromiseMessages messages, People people,
                          Clock clock, Runnable afterCommit) {
        this.db = db;
        this.promises = promises;
        this.accounts = accounts;
        this.outbox = outbox;
        this.messages = messages;
        this.people = people;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** Records a promise and queues its card for the channel it was made in. */
    public Promise create(Actor actor, String channel, String ownerId, String accountName, String what, Instant due) {
        Instant now = clock.instant();
        if (!due.isAfter(now)) {
            throw new UserInputException("That due time has already passed. Pick a time in the future, e.g. /promise "
                    + accountName + ": " + what + " by tomorrow");
        }
        var ownerZone = ownerId.equals(actor.userId()) ? actor.zone() : people.zoneOf(actor.tenant(), ownerId, actor.zone());
        Promise created = db.write(c -> {
            Account account = accounts.findOrCreate(c, actor.tenant().id(), accountName);
            Promise p = promises.insert(c, actor.tenant().id(),
                    new PromiseStore.NewPromise(account, ownerId, actor.userId(), what, due, ownerZone, channel, now));
            promises.recordEvent(c, p, PromiseEvent.CREATED, actor.userId(), now, "due " + due);
            outbox.post(c, p.tenantId(), p.cardKey(), channel, null, PromiseCards.SUBJECT + p.id(), messages.card(p, now));
            return p;
        });
        afterCommit.run();
        return created;
    }

    public Promise done(Actor actor, long number, String note) {
        return change(actor, number, PromiseEvent.DONE, note, p -> p.withStatus(PromiseStatus.DONE),
                (before, after) -> messages.done(after, actor.userId(), note));
    }

    public Promise cancel(Actor actor, long number, String reason) {
        return change(actor, number, PromiseEvent.CANCELLED, reason, p -> p.withStatus(PromiseStatus.CANCELLED),
                (before, after) -> messages.cancelled(after, actor.userId(), reason));
    }

    /** Quiets reminders until {@code until}; the date promised to the client stays as it is. */
    public Promise snooze(Actor actor, long number, Instant until) {
        requireFuture(until, "/promise snooze #" + number + " monday 9am");
        return change(actor, number, PromiseEvent.SNOOZED, "until " + until, p -> p.snoozedUntil(until),
                (before, after) -> messages.snoozed(after, actor.userId()),
                (c, after) -> {
                    Instant resume = PromiseNudges.afterSnooze(until, after.dueZone(), actor.tenant().calendar());
                    promises.scheduleNudge(c, after, resume.isAfter(after.due()) ? resume : after.due(), false);
                });
    }

    public Promise move(Actor actor, long number, String newOwnerId) {
        var zone = people.zoneOf(actor.tenant(), newOwnerId, actor.zone());
        return change(actor, number, PromiseEvent.MOVED, "to " + newOwnerId, p -> {
            if (p.ownerId().equals(newOwnerId)) {
                throw new UserInputException("#" + number + " is already owned by that person.");
            }
            return p.withOwner(newOwnerId, zone);
        }, (before, after) -> messages.moved(after, actor.userId(), before.ownerId()));
    }

    /** Moves the due date, with the reason told in the card's thread (the practice: say what changed and why). */
    public Promise update(Actor actor, long number, Instant newDue, String reason) {
        requireFuture(newDue, "/promise update #" + number + " by next tuesday: waiting on the vendor");
        return change(actor, number, PromiseEvent.UPDATED, "due " + newDue + ": " + reason, p -> p.withDue(newDue),
                (before, after) -> messages.updated(after, actor.userId(), before.due(), reason),
                (c, after) -> promises.scheduleNudge(c, after, newDue, true));
    }

    public PromiseStore.Page list(Actor actor, PromiseFilter filter) {
        return db.read(c -> promises.list(c, actor.tenant().id(), actor.userId(), filter, clock.instant(), LIST_LIMIT));
    }

    /** The promise a button or form refers to by its internal id (never by a number from another tenant). */
    public Promise referredTo(Actor actor, String promiseId) {
        long id;
        try {
            id = Long.parseLong(promiseId);
        } catch (NumberFormatException e) {
            throw new UserInputException("That button or form is out of date; run /promise list and try again.");
        }
        return db.read(c -> promises.byId(c, actor.tenant().id(), id))
                .orElseThrow(() -> new UserInputException("That promise no longer exists. See open promises with /promise list."));
    }

    private void requireFuture(Instant at, String example) {
        if (!at.isAfter(clock.instant())) {
            throw new UserInputException("That time has already passed. Pick a time in the future, e.g. " + example);
        }
    }

    private interface Change {
        Promise apply(Promise before);
    }

    private interface ThreadMessage {
        Message of(Promise before, Promise after);
    }

    /** What else a change does to the promise's rows, inside the same transaction. */
    private interface Aftermath {
        void apply(Connection c, Promise after) throws SQLException;

        Aftermath NONE = (c, after) -> { };
    }

    private Promise change(Actor actor, long number, PromiseEvent event, String detail, Change change, ThreadMessage thread) {
        return change(actor, number, event, detail, change, thread, Aftermath.NONE);
    }

    private Promise change(Actor actor, long number, PromiseEvent event, String detail, Change change, ThreadMessage thread,
                           Aftermath aftermath) {
        Instant now = clock.instant();
        Promise changed = db.write(c -> {
            Promise before = promises.byNumber(c, actor.tenant().id(), number).orElseThrow(() -> notFound(number));
            requireMayChange(actor, before);
            if (!before.isOpen()) {
                throw new UserInputException("#" + number + " is already " + before.status().label().toLowerCase()
                        + "; closed promises can't change. Make a new one with /promise " + before.accountName() + ": …");
            }
            Promise after = promises.save(c, change.apply(before), now);
            aftermath.apply(c, after);
            promises.recordEvent(c, after, event, actor.userId(), now, detail);
            if (outbox.status(after.tenantId(), after.cardKey()).isEmpty()) {
                // Imported as history: there is no card to update and no thread to tell.
                return after;
            }
            outbox.update(c, after.tenantId(), after.cardKey() + ":v" + after.version(), after.originChannel(), after.cardKey(),
                    messages.card(after, now));
            outbox.post(c, after.tenantId(), "promise:" + after.id() + ":event:v" + after.version(), after.originChannel(), after.cardKey(),
                    null, thread.of(before, after));
            return after;
        });
        afterCommit.run();
        return changed;
    }

    static void requireMayChange(Actor actor, Promise p) {
        if (!actor.admin() && !actor.userId().equals(p.ownerId()) && !actor.userId().equals(p.authorId())) {
            throw new UserInputException("Only the owner or the author of #" + p.number()
                    + " (or a workspace admin) can change it. Ask them in the card's thread, or make your own promise with /promise.");
        }
    }

    static UserInputException notFound(long number) {
        return new UserInputException("There's no promise #" + number + " here. See open promises with /promise list.");
    }
}
