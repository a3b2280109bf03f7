package io.holdfast.promise;

import io.holdfast.core.Actor;
import io.holdfast.core.CommandHandler;
import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Reply;
import io.holdfast.core.UserInputException;
import io.holdfast.core.Whitespace;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /promise} and its subcommands, for every platform. */
public final class PromiseCommands implements CommandHandler {
    private static final Pattern VERB = Pattern.compile("^(done|snooze|move|update|cancel)\\b\\s*(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("^#?(\\d{1,9})\\b\\s*(.*)$", Pattern.DOTALL);
    /** The reason starts after the first colon followed by a space, so times like 14:30 stay in the date. */
    private static final Pattern UPDATE_ARGS = Pattern.compile("^by\\s+(.+?):(?:\\s+|(?=\\D))(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Map<String, String> SUBCOMMAND_EXAMPLES = Map.of(
            "snooze", "monday 9am", "move", "@lee", "update", "by next tuesday: waiting on the vendor", "cancel", "client no longer needs it");

    private final PromiseService service;
    private final PromiseMessages messages;
    private final PromiseForms forms;
    private final DueInput dueInput;
    private final Clock clock;

    public PromiseCommands(PromiseService service, PromiseMessages messages, PromiseForms forms, DueInput dueInput, Clock clock) {
        this.service = service;
        this.messages = messages;
        this.forms = forms;
        this.dueInput = dueInput;
        this.clock = clock;
    }

    @Override
    public Reply handle(Invocation invocation) {
        String text = invocation.text();
        if (text.length() > PromiseSentence.MAX_TEXT + 200) {
            throw new UserInputException("That's " + text.length() + " characters; keep a promise to " + PromiseSentence.MAX_TEXT
                    + ". Example: " + PromiseSentence.EXAMPLE);
        }
        if (text.isEmpty()) {
            return Reply.form(forms.create(invocation.actor(), invocation.channelId()));
        }
        String firstWord = Whitespace.RUN.split(text, 2)[0].toLowerCase(Locale.ROOT);
        if (firstWord.equals("help") || firstWord.equals("?")) {
            return Reply.show(messages.help());
        }
        if (firstWord.equals("list") && !text.contains(":")) {
            return list(invocation, text.substring(4).strip());
        }
        Matcher verb = VERB.matcher(text);
        if (verb.matches() && !namesAnAccount(text)) {
            String name = verb.group(1).toLowerCase(Locale.ROOT);
            Matcher numbered = NUMBERED.matcher(verb.group(2));
            if (!numbered.matches()) {
                throw new UserInputException("Which promise? Give its number. Example: /promise " + name + " #12"
                        + (name.equals("done") ? "" : " " + SUBCOMMAND_EXAMPLES.get(name)));
            }
            return subcommand(invocation, name, Long.parseLong(numbered.group(1)), numbered.group(2).strip());
        }
        if (!text.contains(":") && Mentions.leading(text).isEmpty() && !text.toLowerCase(Locale.ROOT).contains(" by ")) {
            return Reply.show("I didn't understand \"" + firstWord + "\". Make a promise with " + PromiseSentence.EXAMPLE
                    + " or see /promise help.");
        }
        return create(invocation);
    }

    /**
     * "Update Corp: send the deck by friday" is a promise for the account "Update Corp", while
     * "update by friday: reason" is a mistyped subcommand: an account name has no "#" and no " by ".
     */
    private static boolean namesAnAccount(String text) {
        int colon = Mentions.firstOutsideMentions(text, ':');
        if (colon < 0) {
            return false;
        }
        String beforeColon = text.substring(0, colon).toLowerCase(Locale.ROOT);
        return !beforeColon.contains("#") && !beforeColon.contains(" by ");
    }

    private Reply create(Invocation invocation) {
        PromiseSentence sentence = PromiseSentence.parse(invocation);
        Instant due = dueInput.read(invocation.actor(), sentence.when(), PromiseSentence.EXAMPLE);
        Promise p = service.create(invocation.actor(), invocation.channelId(), sentence.ownerId(), sentence.account(), sentence.what(), due);
        return Reply.show(messages.created(p, invocation.actor().zone()));
    }

    private Reply subcommand(Invocation invocation, String verb, long number, String args) {
        Actor actor = invocation.actor();
        return switch (verb) {
            case "done" -> {
                Promise p = service.done(actor, number, invocation.plain(args));
                yield Reply.show(messages.markedDone(p));
            }
            case "cancel" -> {
                if (args.isEmpty()) {
                    throw new UserInputException("Say why it's cancelled, so the account's history makes sense. Example: /promise cancel #"
                            + number + " client no longer needs the report");
                }
                Promise p = service.cancel(actor, number, invocation.plain(args));
                yield Reply.show(messages.markedCancelled(p));
            }
            case "snooze" -> {
                String example = "/promise snooze #" + number + " monday 9am";
                if (args.isEmpty()) {
                    throw new UserInputException("Snooze until when? Example: " + example);
                }
                Promise p = service.snooze(actor, number, dueInput.read(actor, args, example));
                yield Reply.show(messages.snoozeConfirmed(p, actor.zone()));
            }
            case "move" -> {
                Optional<String> newOwner = Mentions.only(args);
                if (newOwner.isEmpty()) {
                    throw new UserInputException("Move it to whom? Mention one person. Example: /promise move #" + number + " @lee");
                }
                Promise p = service.move(actor, number, newOwner.get());
                yield Reply.show(messages.movedTo(p));
            }
            default -> update(invocation, number, args);
        };
    }

    private Reply update(Invocation invocation, long number, String args) {
        String example = "/promise update #" + number + " by next tuesday: waiting on the vendor's answer";
        Matcher m = UPDATE_ARGS.matcher(args);
        if (!m.matches() || m.group(2).isBlank()) {
            throw new UserInputException("Give the new date and the reason, so the client's team knows why. Example: " + example);
        }
        Instant due = dueInput.read(invocation.actor(), m.group(1).strip(), example);
        Promise p = service.update(invocation.actor(), number, due, invocation.plain(m.group(2).strip()));
        return Reply.show(messages.dueMoved(p, invocation.actor().zone()));
    }

    private Reply list(Invocation invocation, String arg) {
        PromiseFilter filter;
        String title;
        Optional<String> person = Mentions.only(arg);
        if (arg.isEmpty()) {
            filter = new PromiseFilter.AllOpen();
            title = "open promises";
        } else if (arg.equalsIgnoreCase("mine")) {
            filter = new PromiseFilter.Mine();
            title = "open promises you own";
        } else if (arg.equalsIgnoreCase("overdue")) {
            filter = new PromiseFilter.Overdue();
            title = "overdue promises";
        } else if (person.isPresent()) {
            filter = new PromiseFilter.OwnedBy(person.get());
            title = "open promises owned by @" + invocation.mentionLabels().getOrDefault(person.get(), person.get());
        } else {
            String account = invocation.plain(arg);
            filter = new PromiseFilter.ForAccount(account);
            title = "open promises for " + account;
        }
        return Reply.show(messages.list(title, service.list(invocation.actor(), filter), clock.instant(), invocation.actor().zone()));
    }

}
