package io.holdfast.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Failures;
import io.holdfast.core.Invocation;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;

/** Every slash command: build the invocation, run it through the router, answer in the ack (ephemeral) or with a modal. */
final class SlackCommands implements SlashCommandHandler {
    private final CommandRouter router;
    private final SlackInvocations invocations;
    private final SlackReplies replies;
    private final Failures failures;

    SlackCommands(CommandRouter router, SlackInvocations invocations, SlackReplies replies, Failures failures) {
        this.router = router;
        this.invocations = invocations;
        this.replies = replies;
        this.failures = failures;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload payload = request.getPayload();
        String typed = payload.getCommand();
        String command = typed.startsWith("/") ? typed.substring(1) : typed;
        Message answer;
        try {
            Invocation invocation = invocations.of(payload.getTeamId(), payload.getUserId(), payload.getChannelId(), payload.getText());
            Reply reply = router.run(command, invocation);
            if (reply instanceof Reply.OpenForm form) {
                if (replies.open(ctx.client(), payload.getTriggerId(), form.form(), payload.getChannelId())) {
                    return ctx.ack();
                }
                answer = Message.of(SlackReplies.TRIGGER_EXPIRED);
            } else {
                answer = ((Reply.Show) reply).message();
            }
        } catch (RuntimeException e) {
            answer = failures.report("/" + command, e);
        }
        Message shown = answer;
        return ctx.ack(r -> r.responseType("ephemeral").text(replies.text(shown)).blocks(replies.blocks(shown)));
    }
}
