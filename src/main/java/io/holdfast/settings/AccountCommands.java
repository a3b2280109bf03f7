package io.holdfast.settings;

import io.holdfast.account.Account;
import io.holdfast.account.AccountProfile;
import io.holdfast.account.AccountStore;
import io.holdfast.account.AccountTimeline;
import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Reply;
import io.holdfast.core.UserInputException;
import io.holdfast.escalation.EscalationFilter;
import io.holdfast.escalation.EscalationService;
import io.holdfast.escalation.LeadDirectory;
import io.holdfast.kudos.KudosService;
import io.holdfast.promise.PromiseFilter;
import io.holdfast.promise.PromiseService;
import io.holdfast.store.Database;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /holdfast account <name> [arr=… tier=… renewal=… owner=@… channel=#…]}: sets an account's
 * attributes, or shows the account with its open promises, open escalations, recent kudos and timeline.
 */
final class AccountCommands {
    static final String EXAMPLE = "/holdfast account Acme Corp arr=120000 tier=strategic renewal=2027-03-31 owner=@dana channel=#acme";
    private static final Pattern ATTRIBUTE = Pattern.compile("^(\\w+)=(.*)$", Pattern.DOTALL);
    private static final Pattern MONEY = Pattern.compile("^\\$?([0-9][0-9,]*)([kKmM]?)$");

    private final Database db;
    private final AccountStore accounts;
    private final AccountTimeline timeline;
    private final PromiseService promises;
    private final EscalationService escalations;
    private final KudosService kudos;
    private final LeadDirectory leads;
    private final AccountMessages messages = new AccountMessages();

    AccountCommands(Database db, AccountStore accounts, AccountTimeline timeline, PromiseService promises, EscalationService escalations,
                    KudosService kudos, LeadDirectory leads) {
        this.db = db;
        this.accounts = accounts;
        this.timeline = timeline;
        this.promises = promises;
        this.escalations = escalations;
        this.kudos = kudos;
        this.leads = leads;
    }

    Reply handle(Invocation invocation, String args) {
        List<String> nameWords = new ArrayList<>();
        List<String> attributes = new ArrayList<>();
        for (String word : args.split("\\s+")) {
            if (ATTRIBUTE.matcher(word).matches() || !attributes.isEmpty()) {
                attributes.add(word);
            } else if (!word.isEmpty()) {
                nameWords.add(word);
            }
        }
        String name = invocation.plain(String.join(" ", nameWords)).strip();
        if (name.isEmpty()) {
            throw new UserInputException("Which account? Example: /holdfast account Acme Corp");
        }
        return attributes.isEmpty() ? show(invocation, name) : update(invocation, name, attributes);
    }

    private Reply show(Invocation invocation, String name) {
        long tenantId = invocation.tenant().id();
        Account account = db.read(c -> accounts.find(c, tenantId, name))
                .orElseThrow(() -> new UserInputException("There's no account called \"" + name + "\" yet. It is created when a promise, "
                        + "escalation or kudos first names it, or with " + EXAMPLE));
        AccountProfile profile = db.read(c -> accounts.profile(c, account));
        return Reply.show(messages.account(profile,
                promises.list(invocation.actor(), new PromiseFilter.ForAccount(account.name())),
                escalations.list(invocation.actor(), new EscalationFilter.ForAccount(account.name())),
                kudos.forAccount(invocation.actor(), account.id(), 3),
                db.read(c -> timeline.recent(c, account, 10)),
                invocation.actor().zone()));
    }

    private Reply update(Invocation invocation, String name, List<String> words) {
        if (!invocation.actor().admin() && !leads.isLead(invocation.tenant(), invocation.actor().userId())) {
            throw new UserInputException("Only workspace admins and escalation leads can change account attributes.");
        }
        Long arr = null;
        AccountProfile.Tier tier = null;
        LocalDate renewal = null;
        String owner = null;
        String channel = null;
        for (String word : words) {
            Matcher m = ATTRIBUTE.matcher(word);
            if (!m.matches()) {
                throw new UserInputException("Attributes are key=value with no spaces in the value. Example: " + EXAMPLE);
            }
            String value = m.group(2);
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "arr" -> arr = money(value);
                case "tier" -> tier = tier(value);
                case "renewal" -> renewal = date(value);
                case "owner" -> owner = Mentions.only(value).orElseThrow(() -> new UserInputException(
                        "owner= takes one mention. Example: " + EXAMPLE));
                case "channel" -> channel = Mentions.onlyChannel(value).orElseThrow(() -> new UserInputException(
                        "channel= takes one channel. Example: " + EXAMPLE));
                default -> throw new UserInputException("I don't know the attribute \"" + m.group(1) + "\"; use arr, tier, renewal, owner or "
                        + "channel. Example: " + EXAMPLE);
            }
        }
        AccountProfile changed = new AccountProfile(null, arr, tier, renewal, owner, channel);
        AccountProfile saved = db.write(c -> {
            Account account = accounts.findOrCreate(c, invocation.tenant().id(), name);
            accounts.update(c, new AccountProfile(account, changed.arr(), changed.tier(), changed.renewal(), changed.ownerId(), changed.channel()));
            return accounts.profile(c, account);
        });
        return Reply.show(messages.updated(saved));
    }

    private static Long money(String value) {
        Matcher m = MONEY.matcher(value.strip());
        if (!m.matches()) {
            throw new UserInputException("arr= takes an amount like 120000, 120k or $1.2m written as 1200k. Example: " + EXAMPLE);
        }
        long amount = Long.parseLong(m.group(1).replace(",", ""));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> amount * 1_000;
            case "m" -> amount * 1_000_000;
            default -> amount;
        };
    }

    private static AccountProfile.Tier tier(String value) {
        try {
            return AccountProfile.Tier.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("tier= is standard, high or strategic. Example: " + EXAMPLE);
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw new UserInputException("renewal= takes a date like 2027-03-31. Example: " + EXAMPLE);
        }
    }
}
