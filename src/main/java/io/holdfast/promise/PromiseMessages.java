package io.holdfast.promise;

import io.holdfast.core.Block;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.Text;
import io.holdfast.core.Times;
import io.holdfast.core.Whitespace;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The words and cards Holdfast uses about promises, as neutral messages. */
public final class PromiseMessages {
    public static final String DONE_ACTION = "promise.done";
    public static final String SNOOZE_ACTION = "promise.snooze";
    public static final String UPDATE_ACTION = "promise.update";
    private static final int LIST_TEXT = 120;

    /** The channel card: who owes what to which client by when, with buttons to act on it. */
    public Message card(Promise p, Instant now) {
        Text summary = Text.builder().plain("Promise #" + p.number() + " to " + p.accountName() + ": " + p.text() + " — due ")
                .plain(Times.withZone(p.due(), p.dueZone())).build();
        List<Block.Field> fields = List.of(
                new Block.Field("Owner", Text.builder().mention(p.ownerId()).build()),
                new Block.Field("Due", due(p)),
                new Block.Field("Made by", Text.builder().mention(p.authorId()).build()),
                new Block.Field("Status", Text.plain(status(p, now))));
        Text.Builder footer = Text.builder().plain("Promised on ").when(p.createdAt(), Times.withZone(p.createdAt(), p.dueZone()));
        if (p.isOpen() && p.snoozedUntil() != null && p.snoozedUntil().isAfter(now)) {
            footer.plain(" · reminders snoozed until ").when(p.snoozedUntil(), Times.withZone(p.snoozedUntil(), p.dueZone()));
        }
        List<Block.Button> buttons = p.isOpen() ? buttons(p) : List.of();
        return Message.builder(summary)
                .section(Text.builder().strong("Promise #" + p.number()).plain(" to ").strong(p.accountName()).build())
                .quote(p.text())
                .fields(fields)
                .context(footer.build())
                .actions(buttons)
                .build();
    }

    /** Done, Snooze and Update for an open promise: the same buttons wherever the promise is shown. */
    public List<Block.Button> buttons(Promise p) {
        String id = String.valueOf(p.id());
        return List.of(new Block.Button("Done", DONE_ACTION, id, Block.Style.PRIMARY),
                new Block.Button("Snooze", SNOOZE_ACTION, id, Block.Style.DEFAULT),
                new Block.Button("Update", UPDATE_ACTION, id, Block.Style.DEFAULT));
    }

    private static Text due(Promise p) {
        return Text.builder().when(p.due(), Times.withZone(p.due(), p.dueZone())).build();
    }

    private static String status(Promise p, Instant now) {
        if (p.isOverdue(now)) {
            return "Overdue by " + Times.span(Duration.between(p.due(), now));
        }
        return switch (p.status()) {
            case OPEN -> "Open";
            case DONE -> "Done ✓";
            case CANCELLED -> "Cancelled";
        };
    }

    /** The private confirmation for the person who made the promise, in their own zone. */
    public Message created(Promise p, ZoneId viewerZone) {
        return Message.of(Text.builder().plain("#" + p.number() + " for ").strong(p.accountName()).plain(" — owner ").mention(p.ownerId())
                .plain(" — due " + Times.inZone(p.due(), viewerZone)).build());
    }

    public Message done(Promise p, String actorId, String note) {
        Text.Builder line = Text.builder().plain("✅ ").mention(actorId).plain(" marked #" + p.number() + " done");
        if (!note.isBlank()) {
            line.plain(": " + note);
        }
        return Message.of(line.build());
    }

    public Message cancelled(Promise p, String actorId, String reason) {
        return Message.of(Text.builder().mention(actorId).plain(" cancelled #" + p.number() + ": " + reason).build());
    }

    public Message snoozed(Promise p, String actorId) {
        return Message.of(Text.builder().mention(actorId).plain(" snoozed reminders for #" + p.number() + " until ")
                .when(p.snoozedUntil(), Times.withZone(p.snoozedUntil(), p.dueZone()))
                .plain(". Still due ").when(p.due(), Times.withZone(p.due(), p.dueZone())).plain(".").build());
    }

    public Message moved(Promise p, String actorId, String previousOwnerId) {
        return Message.of(Text.builder().mention(p.ownerId()).plain(" now owns #" + p.number() + " (was ").mention(previousOwnerId)
                .plain(", moved by ").mention(actorId).plain(").").build());
    }

    /** Posted in the card's thread so the author and the owner both see what changed and why. */
    public Message updated(Promise p, String actorId, Instant previousDue, String reason) {
        Text.Builder line = Text.builder().plain("📅 #" + p.number() + " is now due ")
                .when(p.due(), Times.withZone(p.due(), p.dueZone()))
                .plain(" (was ").when(previousDue, Times.withZone(previousDue, p.dueZone())).plain("). Why: " + reason + " — ")
                .mention(actorId);
        for (String person : List.of(p.authorId(), p.ownerId())) {
            if (!person.equals(actorId)) {
                line.plain(" cc ").mention(person);
            }
        }
        return Message.of(line.build());
    }

    public Message markedDone(Promise p) {
        return Message.of("Marked #" + p.number() + " done. Nice work keeping it.");
    }

    public Message markedCancelled(Promise p) {
        return Message.of("Cancelled #" + p.number() + ". I've told the card's thread why.");
    }

    public Message snoozeConfirmed(Promise p, ZoneId viewerZone) {
        return Message.of("Snoozed reminders for #" + p.number() + " until " + Times.inZone(p.snoozedUntil(), viewerZone)
                + ". It's still due " + Times.inZone(p.due(), viewerZone) + ".");
    }

    public Message dueMoved(Promise p, ZoneId viewerZone) {
        return Message.of("#" + p.number() + " is now due " + Times.inZone(p.due(), viewerZone) + ". I've told the card's thread why.");
    }

    /** Sent privately to the author when the channel refused the card, e.g. a private channel Holdfast isn't in. */
    public Message cardNotPosted(Promise p, Platform platform, String error) {
        String why = switch (error) {
            case "not_in_channel", "channel_not_found" -> "I'm not in that channel. In a private channel or a DM, invite me first "
                    + "with /invite @holdfast, then make the promise there again";
            case "is_archived" -> "that channel is archived";
            case DeliveryException.UNREADABLE_MESSAGE -> "it was queued by another version of Holdfast, which this one can't read (an upgrade was under way)";
            default -> nameOf(platform) + " said " + error;
        };
        return Message.of(Text.builder().plain("I couldn't post the card for #" + p.number() + " (").strong(p.accountName())
                .plain("): " + why + ". The promise itself is saved; see it with /promise list.").build());
    }

    private static String nameOf(Platform platform) {
        return switch (platform) {
            case SLACK -> "Slack";
            case TEAMS -> "Teams";
            case CONSOLE -> "the console";
        };
    }

    /** The nudge in the card's thread: to the owner, with the buttons to settle it. */
    public Message nudge(Promise p, Instant now, Text alsoTell) {
        Text.Builder text = Text.builder().plain("⏰ ").mention(p.ownerId());
        if (!alsoTell.spans().isEmpty()) {
            text.plain(" ").append(alsoTell);
        }
        text.plain(" #" + p.number() + " for ").strong(p.accountName()).plain(" was due ").when(p.due(), Times.withZone(p.due(), p.dueZone()))
                .plain(" (" + Times.span(Duration.between(p.due(), now)) + " ago) and is still open. Done, snooze it, or update the date "
                        + "and say why.");
        return Message.builder(text.build()).section(text.build()).actions(buttons(p)).build();
    }

    public Message movedTo(Promise p) {
        return Message.of(Text.builder().plain("#" + p.number() + " now belongs to ").mention(p.ownerId()).plain(". I've told the card's thread.").build());
    }

    public Message list(String title, PromiseStore.Page page, Instant now, ZoneId viewerZone) {
        if (page.total() == 0) {
            return Message.of("No " + title + ". Make one with /promise Acme Corp: send the renewal quote by friday");
        }
        Message.Builder out = Message.builder(Text.plain(title + " (" + page.total() + ")"))
                .section(Text.builder().strong(capitalise(title) + " (" + page.total() + ")").build());
        for (Promise p : page.promises()) {
            Text.Builder line = Text.builder().strong("#" + p.number()).plain(" · " + p.accountName() + " — " + shortened(p.text()) + " — ")
                    .mention(p.ownerId()).plain(" — due " + Times.inZone(p.due(), viewerZone));
            if (p.isOverdue(now)) {
                line.plain(" (overdue " + Times.span(Duration.between(p.due(), now)) + ")");
            }
            out.section(line.build());
        }
        long rest = page.total() - page.promises().size();
        if (rest > 0) {
            out.context(Text.plain("…and " + rest + " more. Narrow it: /promise list overdue, /promise list mine, /promise list Acme Corp"));
        }
        return out.build();
    }

    /** List lines stay one line; the card holds the whole text. */
    private static String shortened(String text) {
        String oneLine = Whitespace.collapsed(text);
        return oneLine.length() <= LIST_TEXT ? oneLine : oneLine.substring(0, LIST_TEXT - 1) + "…";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public Message help() {
        Message.Builder out = Message.builder(Text.plain("How to use /promise"))
                .section(Text.builder().strong("/promise").plain(" — make promises to clients visible, owned and kept.").build());
        List.of(
                "/promise Acme Corp: send the SOC2 report by friday — a promise you own",
                "/promise @lee Acme Corp: call back about the invoice by tomorrow 3pm — a promise @lee owns",
                "/promise — open a form instead",
                "/promise list [mine | @user | <account> | overdue]",
                "/promise done #12 [note] · /promise snooze #12 monday 9am · /promise move #12 @lee",
                "/promise update #12 by next tuesday: waiting on the vendor's answer — new date and why, told to everyone on the card",
                "/promise cancel #12 <reason>",
                "Dates: friday, tomorrow 3pm, eod, next week, in 3 days, in 2 business days, 2026-12-01 14:30 — read in your time zone; "
                        + "a date without a time means 17:00.")
                .forEach(line -> out.section(Text.plain(line)));
        return out.build();
    }
}
