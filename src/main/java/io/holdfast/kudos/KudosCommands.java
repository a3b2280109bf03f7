package io.holdfast.kudos;

import io.holdfast.core.CommandHandler;
import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Reply;
import io.holdfast.core.UserInputException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /kudos} and its subcommands, for every platform. */
public final class KudosCommands implements CommandHandler {
    static final String EXAMPLE = "/kudos @lee Acme Corp: spotted the renewal risk early and set up a fix call that saved the renewal";

    private final KudosService service;
    private final KudosMessages messages;
    private final Clock clock;

    public KudosCommands(KudosService service, KudosMessages messages, Clock clock) {
        this.service = service;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public Reply handle(Invocation invocation) {
        String text = invocation.text();
        String firstWord = text.isEmpty() ? "help" : text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (firstWord.equals("help") || firstWord.equals("?")) {
            return Reply.show(messages.help());
        }
        if (firstWord.equals("list") && Mentions.firstOutsideMentions(text, ':') < 0) {
            return list(invocation, text.substring(4).strip());
        }
        return give(invocation);
    }

    private Reply give(Invocation invocation) {
        String rest = invocation.text();
        List<String> recipients = new ArrayList<>();
        for (Optional<Mentions.Leading> next = Mentions.leading(rest); next.isPresent(); next = Mentions.leading(rest)) {
            if (!recipients.contains(next.get().userId())) {
                recipients.add(next.get().userId());
            }
            rest = next.get().rest();
        }
        if (Mentions.leadingGroup(rest)) {
            throw new UserInputException("Kudos name people, so mention each person rather than a group. Example: " + EXAMPLE);
        }
        if (recipients.isEmpty()) {
            String typed = rest.split("\\s+", 2)[0];
            throw new UserInputException((typed.startsWith("@") ? "I couldn't tell who " + typed + " is; pick people from the @ menu so "
                    + "the mention is real. " : "Who are you recognising? Mention them first. ") + "Example: " + EXAMPLE);
        }
        int colon = Mentions.firstOutsideMentions(rest, ':');
        if (colon < 0) {
            throw new UserInputException("Name the client account, then a colon and what they did. Example: " + EXAMPLE);
        }
        String account = invocation.plain(rest.substring(0, colon)).strip();
        if (account.isEmpty() || account.length() > 100) {
            throw new UserInputException("Which client account was this for (up to 100 characters)? Example: " + EXAMPLE);
        }
        Kudos k = service.give(invocation.actor(), invocation.channelId(), recipients, account, invocation.plain(rest.substring(colon + 1)).strip());
        return Reply.show(messages.given(k));
    }

    private Reply list(Invocation invocation, String args) {
        String recipient = null;
        YearMonth month = YearMonth.now(clock.withZone(invocation.tenant().zone()));
        for (String word : args.isEmpty() ? new String[0] : args.split("\\s+")) {
            Optional<String> person = Mentions.only(word);
            if (person.isPresent()) {
                recipient = person.get();
            } else {
                month = month(word, month);
            }
        }
        String title = "kudos in " + month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear()
                + (recipient == null ? "" : " for @" + invocation.mentionLabels().getOrDefault(recipient, recipient));
        return Reply.show(messages.list(title, service.month(invocation.actor(), month, recipient), invocation.actor().zone()));
    }

    /** "2026-11", or a month name ("november", "nov") meaning its latest occurrence up to this month. */
    private static YearMonth month(String word, YearMonth current) {
        try {
            return YearMonth.parse(word);
        } catch (DateTimeException ignored) {
            // not ISO; try a month name below
        }
        for (Month m : Month.values()) {
            String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (word.length() >= 3 && full.startsWith(word.toLowerCase(Locale.ROOT))) {
                YearMonth candidate = YearMonth.of(current.getYear(), m);
                return candidate.isAfter(current) ? candidate.minusYears(1) : candidate;
            }
        }
        throw new UserInputException("I couldn't read \"" + word + "\" as a month or a person. Example: /kudos list @lee 2026-11");
    }
}
