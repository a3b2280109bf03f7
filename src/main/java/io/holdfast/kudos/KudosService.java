package io.holdfast.kudos;

import io.holdfast.account.Account;
import io.holdfast.account.AccountStore;
import io.holdfast.core.Actor;
import io.holdfast.core.UserInputException;
import io.holdfast.escalation.LeadDirectory;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * The rules of recognition: kudos name people, an account and what they did; a lead or the person's
 * manager verifies them against the rubric, never their own.
 */
public final class KudosService {
    public static final int MIN_WORDS = 8;
    public static final int MAX_TEXT = 1500;

    private final Database db;
    private final KudosStore kudos;
    private final AccountStore accounts;
    private final KudosSettings settings;
    private final LeadDirectory leads;
    private final Outbox outbox;
    private final KudosMessages messages;
    private final Clock clock;
    private final Runnable afterCommit;

    public KudosService(Database db, KudosStore kudos, AccountStore accounts, KudosSettings settings, LeadDirectory leads, Outbox outbox,
                        KudosMessages messages, Clock clock, Runnable afterCommit) {
        this.db = db;
        this.kudos = kudos;
        this.accounts = accounts;
        this.settings = settings;
        this.leads = leads;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    public Kudos give(Actor actor, String channel, List<String> recipients, String accountName, String text) {
        if (recipients.contains(actor.userId())) {
            throw new UserInputException("Kudos are for recognising others, so you can't give them to yourself. "
                    + "Who helped you win this one? Example: /kudos @lee " + accountName + ": " + text);
        }
        int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
        if (words < MIN_WORDS) {
            throw new UserInputException("Say what they did and the impact on the client, in at least " + MIN_WORDS + " words (that was "
                    + words + "). Example: " + KudosCommands.EXAMPLE);
        }
        if (text.length() > MAX_TEXT) {
            throw new UserInputException("That's " + text.length() + " characters; keep kudos to " + MAX_TEXT + ". Example: " + KudosCommands.EXAMPLE);
        }
        Instant now = clock.instant();
        ZoneId zone = actor.tenant().zone();
        Kudos given = db.write(c -> {
            Account account = accounts.findOrCreate(c, actor.tenant().id(), accountName);
            Kudos k = kudos.insert(c, actor.tenant().id(), account.id(), actor.userId(), recipients, text, channel, now);
            outbox.post(c, k.tenantId(), k.cardKey(), channel, null, null, messages.card(k, zone));
            return k;
        });
        afterCommit.run();
        return given;
    }

    /** Scores a kudos on the rubric; only leads or a recipient's manager, and never for kudos they gave or received. */
    public Kudos verify(Actor actor, Kudos k, Rubric rubric) {
        if (k.isVerified()) {
            throw new UserInputException("Kudos #" + k.number() + " was already verified.");
        }
        requireMayVerify(actor, k);
        Instant now = clock.instant();
        ZoneId zone = actor.tenant().zone();
        Kudos verified = db.write(c -> {
            if (!kudos.verify(c, k, actor.userId(), rubric, now)) {
                throw new UserInputException("Kudos #" + k.number() + " was verified by someone else a moment ago.");
            }
            Kudos after = kudos.byId(c, k.tenantId(), k.id()).orElseThrow();
            outbox.update(c, k.tenantId(), k.cardKey() + ":verified", k.channel(), k.cardKey(), messages.card(after, zone));
            return after;
        });
        afterCommit.run();
        return verified;
    }

    public void requireMayVerify(Actor actor, Kudos k) {
        if (actor.userId().equals(k.giverId()) || k.recipients().contains(actor.userId())) {
            throw new UserInputException("Nobody verifies kudos they gave or received; another lead or manager will.");
        }
        boolean manager = db.read(c -> {
            for (String recipient : k.recipients()) {
                if (settings.managerOf(c, k.tenantId(), recipient).map(actor.userId()::equals).orElse(false)) {
                    return true;
                }
            }
            return false;
        });
        if (!manager && !leads.isLead(actor.tenant(), actor.userId())) {
            throw new UserInputException("Only an escalation lead or the person's manager can verify kudos. "
                    + "Managers are set with /holdfast manager @lee @dana.");
        }
    }

    public List<Kudos> forAccount(Actor actor, long accountId, int limit) {
        return db.read(c -> kudos.forAccount(c, actor.tenant().id(), accountId, limit));
    }

    /** The kudos a button or form refers to by its internal id. */
    public Kudos referredTo(Actor actor, String kudosId) {
        long id;
        try {
            id = Long.parseLong(kudosId);
        } catch (NumberFormatException e) {
            throw new UserInputException("That button or form is out of date; run /kudos list.");
        }
        return db.read(c -> kudos.byId(c, actor.tenant().id(), id)).orElseThrow(() -> new UserInputException("Those kudos no longer exist."));
    }

    /** The log for one month in the tenant's zone, optionally only kudos naming {@code recipient}. */
    public List<Kudos> month(Actor actor, YearMonth month, String recipient) {
        ZoneId zone = actor.tenant().zone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return db.read(c -> kudos.given(c, actor.tenant().id(), from, to, recipient));
    }
}
