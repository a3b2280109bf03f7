package io.holdfast.escalation;

import io.holdfast.core.Form;
import io.holdfast.core.FormOutcome;
import io.holdfast.core.Invocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The escalation forms (Slack modals, Teams card forms): raise, assign and resolve, and what their submissions do. */
public final class EscalationForms {
    public static final String RAISE = "escalation.raise";
    public static final String ASSIGN = "escalation.assign";
    public static final String RESOLVE = "escalation.resolve";

    private final EscalationService service;
    private final EscalationMessages messages;

    public EscalationForms(EscalationService service, EscalationMessages messages) {
        this.service = service;
        this.messages = messages;
    }

    /** The raise form; the channel travels in the context so the card falls back to where it was raised. */
    public Form raise(String channelId) {
        return new Form(RAISE, "Escalate a client issue", "Escalate", channelId, List.of(
                new Form.TextInput("account", "Client account", null, "Acme Corp", false, false),
                new Form.Choice("severity", "Severity", List.of("P1", "P2", "P3"), "P2", false),
                new Form.TextInput("summary", "What is wrong, and the impact on the client", null, "Checkout is down for all their users",
                        true, false),
                new Form.UserPick("owner", "Owner (optional)", null, true)));
    }

    public Form assign(Escalation e) {
        return new Form(ASSIGN, "Assign #" + e.number(), "Assign", String.valueOf(e.id()), List.of(
                new Form.UserPick("owner", "New owner", e.ownerId(), false)));
    }

    public Form resolve(Escalation e) {
        return new Form(RESOLVE, "Resolve #" + e.number(), "Resolve", String.valueOf(e.id()), List.of(
                new Form.TextInput("root_cause", "Root cause", null, "An expired TLS certificate on their SSO endpoint", true, false),
                new Form.TextInput("remediation", "Remediation offered", null, "Credit, service extension, priority support, a fix…", true,
                        false)));
    }

    public FormOutcome submitRaise(Invocation invocation, String channelId, Map<String, String> values) {
        Map<String, String> errors = new LinkedHashMap<>();
        String account = values.getOrDefault("account", "").strip();
        String summary = values.getOrDefault("summary", "").strip();
        Severity severity = Severity.parse(values.getOrDefault("severity", "P2")).orElse(null);
        if (account.isEmpty() || account.length() > 100) {
            errors.put("account", "Name the client account (up to 100 characters), e.g. Acme Corp.");
        }
        if (severity == null) {
            errors.put("severity", "Pick P1, P2 or P3.");
        }
        if (summary.isEmpty() || summary.length() > EscalationCommands.MAX_TEXT) {
            errors.put("summary", "Say what is wrong and the impact, in under " + EscalationCommands.MAX_TEXT + " characters.");
        }
        if (!errors.isEmpty()) {
            return new FormOutcome.Invalid(errors);
        }
        Escalation e = service.raise(invocation.actor(), channelId, account, severity, summary, values.get("owner"));
        return new FormOutcome.Accepted(messages.raised(e, invocation.actor().zone()));
    }

    public FormOutcome submitAssign(Invocation invocation, String escalationId, Map<String, String> values) {
        Escalation e = service.referredTo(invocation.actor(), escalationId);
        if (!values.containsKey("owner")) {
            return new FormOutcome.Invalid(Map.of("owner", "Pick the person who will own it."));
        }
        return new FormOutcome.Accepted(messages.assignedByYou(service.assign(invocation.actor(), e.number(), values.get("owner"))));
    }

    public FormOutcome submitResolve(Invocation invocation, String escalationId, Map<String, String> values) {
        Escalation e = service.referredTo(invocation.actor(), escalationId);
        Map<String, String> errors = new LinkedHashMap<>();
        String rootCause = values.getOrDefault("root_cause", "").strip();
        String remediation = values.getOrDefault("remediation", "").strip();
        if (rootCause.isEmpty()) {
            errors.put("root_cause", "Every resolved escalation needs a short root cause.");
        }
        if (remediation.isEmpty()) {
            errors.put("remediation", "Say what the client was offered: a credit, an extension, priority support or a fix.");
        }
        if (!errors.isEmpty()) {
            return new FormOutcome.Invalid(errors);
        }
        return new FormOutcome.Accepted(messages.resolvedByYou(service.resolve(invocation.actor(), e.number(), invocation.plain(rootCause),
                invocation.plain(remediation))));
    }
}
