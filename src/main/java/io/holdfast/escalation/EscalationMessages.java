package io.holdfast.escalation;

import io.holdfast.account.AccountReview;
import io.holdfast.core.Block;
import io.holdfast.core.Message;
import io.holdfast.core.Text;
import io.holdfast.core.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The words and cards Holdfast uses about escalations, as neutral messages. */
public final class EscalationMessages {
    public static final String ACK_ACTION = "escalation.ack";
    public static final String ASSIGN_ACTION = "escalation.assign";
    public static final String RESOLVE_ACTION = "escalation.resolve";
    public static final String REVIEWED_ACTION = "escalation.reviewed";
    private static final int LIST_TEXT = 100;

    /** The escalation card: severity, account, what is wrong, who has it, and both clocks. */
    public Message card(Escalation e, ZoneId zone, AccountReview review, Optional<String> authority) {
        Text summary = Text.plain("Escalation #" + e.number() + " (" + e.severity() + ") for " + e.accountName() + ": " + e.summary());
        Message.Builder card = Message.builder(summary)
                .section(Text.builder().plain(icon(e.severity()) + " ").strong("Escalation #" + e.number() + " · " + e.severity())
                        .plain(" · ").strong(e.accountName()).build())
                .quote(e.summary())
                .fields(List.of(
                        new Block.Field("Reporter", Text.builder().mention(e.reporterId()).build()),
                        new Block.Field("Owner", e.ownerId() == null ? Text.plain("Unassigned") : Text.builder().mention(e.ownerId()).build()),
                        new Block.Field("Acknowledge by", clockText(e.ackClock().due(), e.ackedAt(), e.ackBreached(), zone)),
                        new Block.Field("Resolve by", clockText(e.resolveClock().due(), e.resolvedAt(), e.resolveBreached(), zone)),
                        new Block.Field("Status", Text.plain(e.status().label()))));
        if (e.leadershipReview()) {
            Text.Builder flag = Text.builder().plain("🚩 ").strong("Leadership review").plain(": a repeat escalation for this account. ");
            if (review.reviewedAt() != null) {
                flag.plain("Reviewed by ").mention(review.reviewedBy()).plain(" on ").when(review.reviewedAt(), Times.withZone(review.reviewedAt(), zone));
            } else {
                flag.plain("Waiting for a lead to review it.");
            }
            card.section(flag.build());
        }
        if (e.isResolved()) {
            card.context(Text.plain("Root cause: " + e.rootCause() + " · Remediation: " + e.remediation()));
        }
        authority.ifPresent(text -> card.context(Text.plain("Authority for " + e.severity() + ": " + text)));
        return card.actions(buttons(e, review)).build();
    }

    private List<Block.Button> buttons(Escalation e, AccountReview review) {
        List<Block.Button> buttons = new ArrayList<>(workButtons(e));
        if (e.leadershipReview() && review.awaitingReview()) {
            buttons.add(new Block.Button("Reviewed", REVIEWED_ACTION, String.valueOf(e.id()), Block.Style.DEFAULT));
        }
        return buttons;
    }

    /** Acknowledge (until someone has), Assign and Resolve while it is unresolved: the card's buttons for working on it. */
    public List<Block.Button> workButtons(Escalation e) {
        if (e.isResolved()) {
            return List.of();
        }
        List<Block.Button> buttons = new ArrayList<>();
        String id = String.valueOf(e.id());
        if (!e.isAcknowledged()) {
            buttons.add(new Block.Button("Acknowledge", ACK_ACTION, id, Block.Style.PRIMARY));
        }
        buttons.add(new Block.Button("Assign", ASSIGN_ACTION, id, Block.Style.DEFAULT));
        buttons.add(new Block.Button("Resolve", RESOLVE_ACTION, id, Block.Style.DEFAULT));
        return buttons;
    }

    private static Text clockText(Instant due, Instant doneAt, boolean breached, ZoneId zone) {
        Text.Builder text = Text.builder();
        if (doneAt != null) {
            return text.plain(breached ? "Done late (due " : "Done in time (due ").when(due, Times.withZone(due, zone)).plain(")").build();
        }
        text.when(due, Times.withZone(due, zone));
        return breached ? text.plain(" — breached").build() : text.build();
    }

    /** The severity's colour, so the worst stands out in a list. */
    public static String icon(Severity severity) {
        return switch (severity) {
            case P1 -> "🔴";
            case P2 -> "🟠";
            case P3 -> "🟡";
        };
    }

    public Message raised(Escalation e, ZoneId viewerZone) {
        return Message.of(Text.builder().plain("Escalation #" + e.number() + " (" + e.severity() + ") for ").strong(e.accountName())
                .plain(" is raised. Acknowledge by " + Times.inZone(e.ackClock().due(), viewerZone) + ", resolve by "
                        + Times.inZone(e.resolveClock().due(), viewerZone) + ".").build());
    }

    public Message acknowledged(Escalation e, String actorId) {
        return Message.of(Text.builder().mention(actorId).plain(" acknowledged #" + e.number() + " after "
                + Times.span(e.timeToAcknowledge()) + (e.ackBreached() ? " (acknowledge SLA missed)" : "") + "; owner is ")
                .mention(e.ownerId()).plain(".").build());
    }

    /** What the person who acknowledged sees privately. */
    public Message acknowledgedByYou(Escalation e, String actorId) {
        Text.Builder text = Text.builder().plain("Acknowledged #" + e.number() + (e.ackBreached() ? " (after the acknowledge SLA)" : "") + ". ");
        if (actorId.equals(e.ownerId())) {
            text.plain("You own it now.");
        } else {
            text.mention(e.ownerId()).plain(" owns it.");
        }
        return Message.of(text.build());
    }

    public Message assignedByYou(Escalation e) {
        return Message.of(Text.builder().plain("Assigned #" + e.number() + " to ").mention(e.ownerId()).plain(". I've told the card's thread.")
                .build());
    }

    public Message resolvedByYou(Escalation e) {
        return Message.of("Resolved #" + e.number() + (e.resolveBreached() ? ", after the resolve SLA" : ", within the resolve SLA")
                + ". Root cause and remediation are on the card.");
    }

    public Message assigned(Escalation e, String actorId) {
        return Message.of(Text.builder().mention(e.ownerId()).plain(" now owns #" + e.number() + " (assigned by ").mention(actorId)
                .plain(").").build());
    }

    public Message resolved(Escalation e, String actorId) {
        return Message.of(Text.builder().plain("✅ ").mention(actorId).plain(" resolved #" + e.number()
                + (e.resolveBreached() ? " after the resolve SLA" : " within the resolve SLA") + ". Root cause: " + e.rootCause()
                + ". Remediation: " + e.remediation() + ".").build());
    }

    public Message reopened(Escalation e, String actorId, String reason, ZoneId zone) {
        return Message.of(Text.builder().mention(actorId).plain(" reopened #" + e.number() + ": " + reason + ". New resolve-by: ")
                .when(e.resolveClock().due(), Times.withZone(e.resolveClock().due(), zone)).plain(".").build());
    }

    /** The thread warning at 75% of a window, to the owner, or the reporter and the leads while nobody owns it. */
    public Message warning(Escalation e, boolean ack, Leads leads, ZoneId zone) {
        Instant due = ack ? e.ackClock().due() : e.resolveClock().due();
        Text.Builder text = Text.builder().plain("⏰ ");
        addressees(text, e, leads);
        return Message.of(text.plain(ack ? " #" + e.number() + " is not acknowledged yet; the acknowledge SLA ends "
                        : " #" + e.number() + " is not resolved yet; the resolve SLA ends ")
                .when(due, Times.withZone(due, zone)).plain(".").build());
    }

    public Message breach(Escalation e, boolean ack, Leads leads) {
        Text.Builder text = Text.builder().plain("🚨 ");
        addressees(text, e, leads);
        return Message.of(text.plain(" #" + e.number() + (ack ? " breached its acknowledge SLA (" : " breached its resolve SLA (")
                + e.severity() + "). It stays on the at-risk list until it is " + (ack ? "acknowledged." : "resolved.")).build());
    }

    private static void addressees(Text.Builder text, Escalation e, Leads leads) {
        if (e.ownerId() != null) {
            text.mention(e.ownerId());
            return;
        }
        text.mention(e.reporterId());
        leads.mention(text, e.reporterId());
    }

    /** Posted in the new card's thread when an account escalates again within the repeat window. */
    public Message leadershipReview(Escalation e, List<Escalation> earlier, Leads leads, Duration window) {
        Text.Builder text = Text.builder().plain("🚩 Leadership review: ").strong(e.accountName()).plain(" has escalated "
                + (earlier.size() + 1) + " times in " + window.toDays() + " days (#" + e.number());
        earlier.forEach(previous -> text.plain(", #" + previous.number() + " " + previous.severity() + " " + previous.summary()));
        text.plain("). ");
        if (leads.isEmpty()) {
            text.plain("No escalation leads are set; set them with /holdfast leads @a @b.");
        } else {
            leads.mention(text, null);
            text.plain(" please review the account and press Reviewed on the card.");
        }
        return Message.of(text.build());
    }

    public Message reviewed(Escalation e, String leadId) {
        return Message.of(Text.builder().mention(leadId).plain(" reviewed ").strong(e.accountName()).plain(" after its repeat escalations.")
                .build());
    }

    public Message list(String title, EscalationStore.Page page, ZoneId zone) {
        if (page.total() == 0) {
            return Message.of("No " + title + ".");
        }
        Message.Builder out = Message.builder(Text.plain(title + " (" + page.total() + ")"))
                .section(Text.builder().strong(Character.toUpperCase(title.charAt(0)) + title.substring(1) + " (" + page.total() + ")").build());
        for (Escalation e : page.escalations()) {
            Instant next = e.isAcknowledged() ? e.resolveClock().due() : e.ackClock().due();
            Text.Builder line = Text.builder().strong("#" + e.number() + " " + e.severity()).plain(" · " + e.accountName() + " — "
                    + shortened(e.summary()) + " — ");
            if (e.ownerId() == null) {
                line.plain("unassigned");
            } else {
                line.mention(e.ownerId());
            }
            line.plain(" — " + (e.isAcknowledged() ? "resolve by " : "acknowledge by ") + Times.inZone(next, zone));
            if (e.ackBreached() || e.resolveBreached()) {
                line.plain(" (SLA breached)");
            }
            out.section(line.build());
        }
        long rest = page.total() - page.escalations().size();
        if (rest > 0) {
            out.context(Text.plain("…and " + rest + " more. Narrow it: /escalate list mine, /escalate list Acme Corp"));
        }
        return out.build();
    }

    public Message timeline(Escalation e, List<EscalationEvent> events, ZoneId zone) {
        Message.Builder out = Message.builder(Text.plain("Escalation #" + e.number() + " timeline"))
                .section(Text.builder().strong("#" + e.number() + " " + e.severity() + " · " + e.accountName()).plain(" — " + e.status().label())
                        .build())
                .quote(e.summary());
        for (EscalationEvent event : events) {
            Text.Builder line = Text.builder().plain(Times.inZone(event.at(), zone) + " — " + describe(event.kind()));
            if (!EscalationEvent.CLOCK.equals(event.actorId())) {
                line.plain(" by ").mention(event.actorId());
            }
            if (event.detail() != null && !event.detail().isBlank()) {
                line.plain(": " + event.detail());
            }
            out.section(line.build());
        }
        if (e.timeToAcknowledge() != null) {
            out.context(Text.plain("Time to acknowledge: " + Times.span(e.timeToAcknowledge()) + (e.ackBreached() ? " (breached)" : " (met)")
                    + (e.resolvedAt() == null ? "" : " · Time to resolve: " + Times.span(Duration.between(e.openedAt(), e.resolvedAt()))
                    + (e.resolveBreached() ? " (breached)" : " (met)"))));
        }
        return out.build();
    }

    private static String describe(EscalationEvent.Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String shortened(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= LIST_TEXT ? oneLine : oneLine.substring(0, LIST_TEXT - 1) + "…";
    }

    public Message help() {
        Message.Builder out = Message.builder(Text.plain("How to use /escalate"))
                .section(Text.builder().strong("/escalate").plain(" — raise a client issue with a severity, an owner and SLA clocks.").build());
        List.of("/escalate Acme Corp P1: checkout is down for all their users — P1, P2 (default) or P3",
                        "/escalate — open a form instead",
                        "/escalate ack #7 · /escalate assign #7 @lee · /escalate resolve #7 (asks for root cause and remediation)",
                        "/escalate reopen #7 <reason> · /escalate list [open | mine | <account>] · /escalate show #7",
                        "SLA defaults: P1 acknowledge in 1 hour, resolve in 72 hours; P2 acknowledge in 4 business hours, resolve in 5 "
                                + "business days; P3 acknowledge in 1 business day, resolve in 10 business days. See /holdfast sla.")
                .forEach(line -> out.section(Text.plain(line)));
        return out.build();
    }
}
