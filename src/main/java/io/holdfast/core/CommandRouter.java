package io.holdfast.core;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every door (Slack, Teams, console) hands commands, button presses and form
 * submissions to features. Filled in by the composition root; read-only afterwards. Logs one line
 * per request: what was asked (the command, button or form, never what was typed), for which
 * tenant, how it ended and how long it took; and tells its {@link Listener} the same, less the tenant.
 */
public final class CommandRouter {
    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    private final Map<String, CommandHandler> commands = new HashMap<>();
    private final Map<String, ActionHandler> actions = new HashMap<>();
    private final Map<String, FormHandler> forms = new HashMap<>();
    private final Listener listener;

    /**
     * Told of every request once it is answered, e.g. to count them by name and outcome. The name is
     * one a handler was registered under, or {@code "unknown"}: in Teams an unknown command is the
     * first word a person typed, which must not become a label.
     */
    @FunctionalInterface
    public interface Listener {
        void handled(String kind, String name, Platform platform, String outcome, long nanos);
    }

    public CommandRouter(Listener listener) {
        this.listener = listener;
    }

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
            // In Teams and the console the command is the first word a person typed, so it is message text: kept out of INFO.
            log.debug("unknown command word {}", command);
            logged("command", "unknown", invocation, "unknown", System.nanoTime());
            return Reply.show("Holdfast doesn't know the command " + command + ". Try: promise help");
        }
        return guarded("command", command, invocation, () -> handler.handle(invocation));
    }

    public Reply press(String actionId, Invocation invocation, String value) {
        ActionHandler handler = actions.get(actionId);
        if (handler == null) {
            logged("button", actionId, invocation, "unknown", System.nanoTime());
            return Reply.show("That button is no longer supported; run the command instead.");
        }
        return guarded("button", actionId, invocation, () -> handler.handle(invocation, value));
    }

    public FormOutcome submit(String formId, Invocation invocation, String context, Map<String, String> values) {
        FormHandler handler = forms.get(formId);
        if (handler == null) {
            logged("form", formId, invocation, "unknown", System.nanoTime());
            return new FormOutcome.Accepted(Message.of("That form is no longer supported; run the command instead."));
        }
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            FormOutcome answer = handler.submit(invocation, context, values);
            outcome = answer instanceof FormOutcome.Accepted ? "ok" : "refused";
            return answer;
        } catch (UserInputException e) {
            outcome = "refused";
            return new FormOutcome.Accepted(Message.of(e.getMessage()));
        } finally {
            logged("form", formId, invocation, outcome, started);
        }
    }

    /** A person's mistake ({@link UserInputException}) becomes their answer; anything else is a failure, logged and passed on. */
    private Reply guarded(String kind, String name, Invocation invocation, Supplier<Reply> work) {
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            Reply reply = work.get();
            outcome = "ok";
            return reply;
        } catch (UserInputException e) {
            outcome = "refused";
            return Reply.show(e.getMessage());
        } finally {
            logged(kind, name, invocation, outcome, started);
        }
    }

    private void logged(String kind, String name, Invocation invocation, String outcome, long startedNanos) {
        Tenant tenant = invocation.actor().tenant();
        long nanos = System.nanoTime() - startedNanos;
        long millis = nanos / 1_000_000;
        log.atInfo().setMessage("{} {} for tenant {}: {} in {} ms").addArgument(kind).addArgument(name).addArgument(tenant.id())
                .addArgument(outcome).addArgument(millis)
                .addKeyValue("kind", kind).addKeyValue("name", name).addKeyValue("tenant", tenant.id())
                .addKeyValue("platform", tenant.platform()).addKeyValue("outcome", outcome).addKeyValue("duration_ms", millis).log();
        listener.handled(kind, "unknown".equals(outcome) ? "unknown" : name, tenant.platform(), outcome, nanos);
    }
}
