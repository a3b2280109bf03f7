package io.holdfast.escalation;

import io.holdfast.core.CommandHandler;
import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Reply;
import io.holdfast.core.UserInputException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /escalate} and its subcommands, for every platform. */
public final class EscalationCommands implements CommandHandler {
    static final String EXAMPLE = "/escalate Acme Corp P1: checkout is down for all their users";
    static final int MAX_TEXT = 2000;
    private static final Pattern VERB = Pattern.compile("^(ack|acknowledge|assign|resolve|reopen|show)\\b\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("^#?(\\d{1,9})\\b\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern SEVERITY_AT_END = Pattern.compile("^(.*?)\\s+([Pp]\\d+)$", Pattern.DOTALL);
    private static final Pattern INLINE_RESOLUTION = Pattern.compile("^cause:\\s*(.+?)\\s+remediation:\\s*(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final EscalationService service;
    private final EscalationMessages messages;
    private final EscalationForms forms;

    public EscalationCommands(EscalationService service, EscalationMessages messages, EscalationForms forms) {
        this.service = service;
        this.messages = messages;
        this.forms = forms;
    }

    @Override
    public Reply handle(Invocation invocation) {
        String text = invocation.text();
        if (text.isEmpty()) {
            return Reply.form(forms.raise(invocation.channelId()));
        }
        String firstWord = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (firstWord.equals("help") || firstWord.equals("?")) {
            return Reply.show(messages.help());
        }
        if (firstWord.equals("list") && !text.contains(":")) {
            return list(invocation, text.substring(4).strip());
        }
        Matcher verb = VERB.matcher(text);
        if (verb.matches()) {
            String name = verb.group(1).toLowerCase(Locale.ROOT);
            Matcher numbered = NUMBERED.matcher(verb.group(2));
            if (numbered.matches()) {
                return subcommand(invocation, name, Long.parseLong(numbered.group(1)), numbered.group(2).strip());
            }
            if (!namesAnAccount(text)) {
                throw new UserInputException("Which escalation? Give its number. Example: /escalate " + name + " #7");
            }
        }
        return raise(invocation);
    }

    /** "Resolve Inc P1: site down" raises for the account "Resolve Inc"; a mistyped subcommand has no colon or a "#" before it. */
    private static boolean namesAnAccount(String text) {
        int colon = Mentions.firstOutsideMentions(text, ':');
        return colon >= 0 && !text.substring(0, colon).contains("#");
    }

    private Reply raise(Invocation invocation) {
        String text = invocation.text();
        if (text.length() > MAX_TEXT + 200) {
            throw new UserInputException("That's " + text.length() + " characters; keep an escalation to " + MAX_TEXT
                    + " and add details in the card's thread. Example: " + EXAMPLE);
        }
        int colon = Mentions.firstOutsideMentions(text, ':');
        if (colon < 0) {
            throw new UserInputException("Put the account (and severity) first, then a colon and what is wrong. Example: " + EXAMPLE);
        }
        String head = text.substring(0, colon).strip();
        String summary = invocation.plain(text.substring(colon + 1)).strip();
        Severity severity = Severity.P2;
        Matcher withSeverity = SEVERITY_AT_END.matcher(head);
        if (withSeverity.matches()) {
            String code = withSeverity.group(2);
            severity = Severity.parse(code).orElseThrow(() -> new UserInputException("Unknown severity " + code.toUpperCase(Locale.ROOT)
                    + ": use P1 (urgent), P2 (default) or P3. Example: " + EXAMPLE));
            head = withSeverity.group(1).strip();
        }
        String account = invocation.plain(head).strip();
        if (account.isEmpty() || account.length() > 100) {
            throw new UserInputException("Which account is affected (up to 100 characters)? Example: " + EXAMPLE);
        }
        if (summary.isEmpty()) {
            throw new UserInputException("Say what is wrong and the impact on the client. Example: " + EXAMPLE);
        }
        if (summary.length() > MAX_TEXT) {
            throw new UserInputException("That's " + summary.length() + " characters; keep it to " + MAX_TEXT + ". Example: " + EXAMPLE);
        }
        Escalation e = service.raise(invocation.actor(), invocation.channelId(), account, severity, summary, null);
        return Reply.show(messages.raised(e, invocation.actor().zone()));
    }

    private Reply subcommand(Invocation invocation, String verb, long number, String args) {
        return switch (verb) {
            case "ack", "acknowledge" -> {
                Escalation e = service.acknowledge(invocation.actor(), number);
                yield Reply.show(messages.acknowledgedByYou(e, invocation.actor().userId()));
            }
            case "assign" -> {
                Optional<String> owner = Mentions.only(args);
                if (owner.isEmpty()) {
                    throw new UserInputException("Assign it to whom? Mention one person. Example: /escalate assign #" + number + " @lee");
                }
                yield Reply.show(messages.assignedByYou(service.assign(invocation.actor(), number, owner.get())));
            }
            case "resolve" -> resolve(invocation, number, args);
            case "reopen" -> {
                Escalation e = service.reopen(invocation.actor(), number, invocation.plain(args));
                yield Reply.show(messages.reopened(e, invocation.actor().userId(), invocation.plain(args), invocation.actor().zone()));
            }
            default -> {
                Escalation e = service.byNumber(invocation.actor(), number);
                yield Reply.show(messages.timeline(e, service.timeline(e), invocation.actor().zone()));
            }
        };
    }

    private Reply resolve(Invocation invocation, long number, String args) {
        Escalation e = service.byNumber(invocation.actor(), number);
        if (args.isEmpty()) {
            service.requireMayWork(invocation.actor(), e);
            if (e.isResolved()) {
                throw new UserInputException("#" + number + " is already resolved. To work on it again: /escalate reopen #" + number + " <reason>");
            }
            return Reply.form(forms.resolve(e));
        }
        Matcher inline = INLINE_RESOLUTION.matcher(args);
        if (!inline.matches()) {
            throw new UserInputException("Give the root cause and the remediation, or run /escalate resolve #" + number
                    + " alone for a form. Example: /escalate resolve #" + number
                    + " cause: expired TLS certificate remediation: one month's credit and a renewal alert");
        }
        return Reply.show(messages.resolvedByYou(service.resolve(invocation.actor(), number, invocation.plain(inline.group(1).strip()),
                invocation.plain(inline.group(2).strip()))));
    }

    private Reply list(Invocation invocation, String arg) {
        if (arg.isEmpty() || arg.equalsIgnoreCase("open")) {
            return Reply.show(messages.list("open escalations", service.list(invocation.actor(), new EscalationFilter.Open()),
                    invocation.actor().zone()));
        }
        if (arg.equalsIgnoreCase("mine")) {
            return Reply.show(messages.list("open escalations you own", service.list(invocation.actor(), new EscalationFilter.Mine()),
                    invocation.actor().zone()));
        }
        String account = invocation.plain(arg);
        return Reply.show(messages.list("open escalations for " + account,
                service.list(invocation.actor(), new EscalationFilter.ForAccount(account)), invocation.actor().zone()));
    }
}
