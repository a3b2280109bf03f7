package io.holdfast.promise;

import io.holdfast.core.Invocation;
import io.holdfast.core.Reply;
import io.holdfast.core.UserInputException;

/** The buttons on a promise card, doing what the matching subcommands do. */
public final class PromiseActions {
    private final PromiseService service;
    private final PromiseMessages messages;
    private final PromiseForms forms;

    public PromiseActions(PromiseService service, PromiseMessages messages, PromiseForms forms) {
        this.service = service;
        this.messages = messages;
        this.forms = forms;
    }

    public Reply done(Invocation invocation, String promiseId) {
        Promise p = service.done(invocation.actor(), service.referredTo(invocation.actor(), promiseId).number(), "");
        return Reply.show(messages.markedDone(p));
    }

    public Reply snooze(Invocation invocation, String promiseId) {
        return Reply.form(forms.snooze(changeable(invocation, promiseId)));
    }

    public Reply update(Invocation invocation, String promiseId) {
        return Reply.form(forms.update(changeable(invocation, promiseId)));
    }

    private Promise changeable(Invocation invocation, String promiseId) {
        Promise p = service.referredTo(invocation.actor(), promiseId);
        PromiseService.requireMayChange(invocation.actor(), p);
        if (!p.isOpen()) {
            throw new UserInputException("#" + p.number() + " is already " + p.status().label().toLowerCase() + ".");
        }
        return p;
    }
}
