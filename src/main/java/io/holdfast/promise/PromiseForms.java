package io.holdfast.promise;

import io.holdfast.core.Actor;
import io.holdfast.core.Form;
import io.holdfast.core.FormOutcome;
import io.holdfast.core.Invocation;
import io.holdfast.core.Times;
import io.holdfast.core.UserInputException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The promise forms (Slack modals, Teams card forms): create, snooze and update, and what their submissions do. */
public final class PromiseForms {
    public static final String CREATE = "promise.create";
    public static final String SNOOZE = "promise.snooze";
    public static final String UPDATE = "promise.update";

    private final PromiseService service;
    private final PromiseMessages messages;
    private final DueInput dueInput;
    private final Clock clock;

    public PromiseForms(PromiseService service, PromiseMessages messages, DueInput dueInput, Clock clock) {
        this.service = service;
        this.messages = messages;
        this.dueInput = dueInput;
        this.clock = clock;
    }

    /** The create form; the channel travels in the context so the card lands where the command was typed. */
    public Form create(Actor actor, String channelId) {
        return create(actor, channelId, null);
    }

    /** The create form with the account filled in, e.g. "Add next step" on a digest. */
    public Form create(Actor actor, String channelId, String accountName) {
        LocalDate tomorrow = LocalDate.now(clock.withZone(actor.zone())).plusDays(1);
        return new Form(CREATE, "New promise", "Create", channelId, List.of(
                new Form.UserPick("owner", "Owner", actor.userId(), false),
                new Form.TextInput("account", "Client account", accountName, "Acme Corp", false, false),
                new Form.TextInput("what", "What was promised", null, "Send the SOC2 report", true, false),
                new Form.DatePick("due_date", "Due date", actor.tenant().calendar().nextBusinessDayOnOrAfter(tomorrow), false),
                new Form.TimePick("due_time", "Due time (your time zone)", actor.tenant().calendar().workdayEnd(), true)));
    }

    public Form snooze(Promise p) {
        return new Form(SNOOZE, "Snooze #" + p.number(), "Snooze", String.valueOf(p.id()), List.of(
                new Form.TextInput("until", "No reminders until", null, "tomorrow 9am, monday, in 2 business days", false, false)));
    }

    public Form update(Promise p) {
        return new Form(UPDATE, "Update #" + p.number(), "Update", String.valueOf(p.id()), List.of(
                new Form.TextInput("due", "New due date", null, "next tuesday, 2026-12-15 14:00", false, false),
                new Form.TextInput("reason", "What changed and why", null, "Waiting on the vendor's answer", true, false)));
    }

    public FormOutcome submitCreate(Invocation invocation, String channelId, Map<String, String> values) {
        Actor actor = invocation.actor();
        Map<String, String> errors = new LinkedHashMap<>();
        String account = values.getOrDefault("account", "").strip();
        String what = values.getOrDefault("what", "").strip();
        if (account.isEmpty() || account.length() > 100) {
            errors.put("account", "Name the client account (up to 100 characters), e.g. Acme Corp.");
        }
        if (what.isEmpty() || what.length() > PromiseSentence.MAX_TEXT) {
            errors.put("what", "Say what was promised, in under " + PromiseSentence.MAX_TEXT + " characters.");
        }
        Instant due = null;
        try {
            LocalDate date = LocalDate.parse(values.getOrDefault("due_date", ""));
            LocalTime time = values.containsKey("due_time") ? LocalTime.parse(values.get("due_time")) : actor.tenant().calendar().workdayEnd();
            due = ZonedDateTime.of(date, time, actor.zone()).toInstant();
            if (!due.isAfter(clock.instant())) {
                errors.put("due_date", Times.inZone(due, actor.zone()) + " has already passed. Pick a future date.");
            }
        } catch (DateTimeException e) {
            errors.put("due_date", "Pick a due date, e.g. next Friday.");
        }
        if (!errors.isEmpty()) {
            return new FormOutcome.Invalid(errors);
        }
        String owner = values.getOrDefault("owner", actor.userId());
        Promise p = service.create(actor, channelId, owner, account, what, due);
        return new FormOutcome.Accepted(messages.created(p, actor.zone()));
    }

    public FormOutcome submitSnooze(Invocation invocation, String promiseId, Map<String, String> values) {
        Promise p = service.referredTo(invocation.actor(), promiseId);
        try {
            Instant until = dueInput.read(invocation.actor(), values.getOrDefault("until", ""), "monday 9am");
            Promise snoozed = service.snooze(invocation.actor(), p.number(), until);
            return new FormOutcome.Accepted(messages.snoozeConfirmed(snoozed, invocation.actor().zone()));
        } catch (UserInputException e) {
            return new FormOutcome.Invalid(Map.of("until", e.getMessage()));
        }
    }

    public FormOutcome submitUpdate(Invocation invocation, String promiseId, Map<String, String> values) {
        Promise p = service.referredTo(invocation.actor(), promiseId);
        String reason = values.getOrDefault("reason", "").strip();
        if (reason.isEmpty()) {
            return new FormOutcome.Invalid(Map.of("reason", "Say what changed and why, so the client's team knows."));
        }
        try {
            Instant due = dueInput.read(invocation.actor(), values.getOrDefault("due", ""), "next tuesday");
            Promise updated = service.update(invocation.actor(), p.number(), due, invocation.plain(reason));
            return new FormOutcome.Accepted(messages.dueMoved(updated, invocation.actor().zone()));
        } catch (UserInputException e) {
            return new FormOutcome.Invalid(Map.of("due", e.getMessage()));
        }
    }
}
