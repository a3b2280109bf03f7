package io.holdfast.escalation;

import io.holdfast.core.Invocation;
import io.holdfast.core.Reply;
import io.holdfast.core.UserInputException;

/** The buttons on an escalation card, doing what the matching subcommands do. */
public final class EscalationActions {
    private final EscalationService service;
    private final EscalationForms forms;
    private final EscalationMessages messages;

    public EscalationActions(EscalationService service, EscalationForms forms, EscalationMessages messages) {
        this.service = service;
        this.forms = forms;
        this.messages = messages;
    }

    public Reply acknowledge(Invocation invocation, String escalationId) {
        Escalation e = service.acknowledge(invocation.actor(), service.referredTo(invocation.actor(), escalationId).number());
        return Reply.show(messages.acknowledgedByYou(e, invocation.actor().userId()));
    }

    public Reply assign(Invocation invocation, String escalationId) {
        return Reply.form(forms.assign(workable(invocation, escalationId)));
    }

    public Reply resolve(Invocation invocation, String escalationId) {
        return Reply.form(forms.resolve(workable(invocation, escalationId)));
    }

    public Reply reviewed(Invocation invocation, String escalationId) {
        Escalation e = service.markReviewed(invocation.actor(), service.referredTo(invocation.actor(), escalationId));
        return Reply.show("Marked " + e.accountName() + " reviewed. Thank you.");
    }

    private Escalation workable(Invocation invocation, String escalationId) {
        Escalation e = service.referredTo(invocation.actor(), escalationId);
        service.requireMayWork(invocation.actor(), e);
        if (e.isResolved()) {
            throw new UserInputException("#" + e.number() + " is resolved. To work on it again: /escalate reopen #" + e.number() + " <reason>");
        }
        return e;
    }
}
