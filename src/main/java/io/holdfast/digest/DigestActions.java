package io.holdfast.digest;

import io.holdfast.account.Account;
import io.holdfast.account.AccountStore;
import io.holdfast.core.Form;
import io.holdfast.core.FormOutcome;
import io.holdfast.core.Invocation;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;
import io.holdfast.core.UserInputException;
import io.holdfast.promise.PromiseForms;
import io.holdfast.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The digest's buttons: add a next step (a promise for the account) and log the outcome of the triage. */
public final class DigestActions {
    public static final String OUTCOME_FORM = "digest.outcome";

    private final Database db;
    private final AccountStore accounts;
    private final PromiseForms promiseForms;
    private final Clock clock;

    public DigestActions(Database db, AccountStore accounts, PromiseForms promiseForms, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.promiseForms = promiseForms;
        this.clock = clock;
    }

    public Reply addNextStep(Invocation invocation, String accountId) {
        return Reply.form(promiseForms.create(invocation.actor(), invocation.channelId(), account(invocation, accountId).name()));
    }

    public Reply logOutcome(Invocation invocation, String accountId) {
        Account account = account(invocation, accountId);
        return Reply.form(new Form(OUTCOME_FORM, "Log outcome", "Log", String.valueOf(account.id()), List.of(
                new Form.TextInput("outcome", "What was decided for " + account.name(), null, "Call booked with their CTO; credit offered",
                        true, false))));
    }

    public FormOutcome submitOutcome(Invocation invocation, String accountId, Map<String, String> values) {
        String outcome = invocation.plain(values.getOrDefault("outcome", "")).strip();
        if (outcome.isEmpty() || outcome.length() > 1000) {
            return new FormOutcome.Invalid(Map.of("outcome", "Say what was decided, in up to 1,000 characters."));
        }
        Account account = account(invocation, accountId);
        db.write(c -> {
            accounts.addNote(c, account, invocation.actor().userId(), outcome, clock.instant());
            return null;
        });
        return new FormOutcome.Accepted(Message.of("Logged on " + account.name() + "'s timeline (/holdfast account " + account.name() + ")."));
    }

    private Account account(Invocation invocation, String accountId) {
        try {
            long id = Long.parseLong(accountId);
            return db.read(c -> accounts.byId(c, invocation.tenant().id(), id))
                    .orElseThrow(() -> new UserInputException("That account no longer exists."));
        } catch (NumberFormatException e) {
            throw new UserInputException("That button is out of date; run /holdfast digest preview.");
        }
    }
}
