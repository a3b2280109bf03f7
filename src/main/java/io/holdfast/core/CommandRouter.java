package io.holdfast.core;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place every door (Slack, Teams, console) hands commands, button presses and form
 * submissions to features. Filled in by the composition root; read-only afterwards.
 */
public final class CommandRouter {
    private final Map<String, CommandHandler> commands = new HashMap<>();
    private final Map<String, ActionHandler> actions = new HashMap<>();
    private final Map<String, FormHandler> forms = new HashMap<>();

    public CommandRouter command(String name, CommandHandler handler) {
        commands.put(name, handler);
        return this;
    }

    public CommandRouter action(String actionId, ActionHandler handler) {
        actions.put(actionId, handler);
        return this;
    }

    public CommandRouter form(String formId, FormHandler handler) {
        forms.put(formId, handler);
        return this;
    }

    public Set<String> commandNames() {
        return Collections.unmodifiableSet(commands.keySet());
    }

    public Set<String> actionIds() {
        return Collections.unmodifiableSet(actions.keySet());
    }

    public Set<String> formIds() {
        return Collections.unmodifiableSet(forms.keySet());
    }

    public Reply run(String command, Invocation invocation) {
        CommandHandler handler = commands.get(command);
        if (handler == null) {
            return Reply.show("Holdfast doesn't know the command " + command + ". Try: promise help");
        }
        return guarded(() -> handler.handle(invocation));
    }

    public Reply press(String actionId, Invocation invocation, String value) {
        ActionHandler handler = actions.get(actionId);
        if (handler == null) {
            return Reply.show("That button is no longer supported; run the command instead.");
        }
        return guarded(() -> handler.handle(invocation, value));
    }

    public FormOutcome submit(String formId, Invocation invocation, String context, Map<String, String> values) {
        FormHandler handler = forms.get(formId);
        if (handler == null) {
            return new FormOutcome.Accepted(Message.of("That form is no longer supported; run the command instead."));
        }
        try {
            return handler.submit(invocation, context, values);
        } catch (UserInputException e) {
            return new FormOutcome.Accepted(Message.of(e.getMessage()));
        }
    }

    private static Reply guarded(java.util.function.Supplier<Reply> work) {
        try {
            return work.get();
        } catch (UserInputException e) {
            return Reply.show(e.getMessage());
        }
    }
}
