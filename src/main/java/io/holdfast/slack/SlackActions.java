package io.holdfast.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Failures;
import io.holdfast.core.Invocation;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buttons on Holdfast's cards. Forms open straight away (trigger ids expire in 3 s); a private answer
 * goes to the presser through response_url after the ack, so the card itself is never replaced.
 * A button on the Home tab has no channel and no response_url: the presser's Home is published
 * again instead, showing the new state with the answer at the top.
 */
final class SlackActions implements BlockActionHandler {
    private static final Logger log = LoggerFactory.getLogger(SlackActions.class);

    private final CommandRouter router;
    private final SlackInvocations invocations;
    private final SlackReplies replies;
    private final Failures failures;
    private final ExecutorService afterAck;
    private final SlackHomeTab homeTab;

    SlackActions(CommandRouter router, SlackInvocations invocations, SlackReplies replies, Failures failures, ExecutorService afterAck,
                 SlackHomeTab homeTab) {
        this.router = router;
        this.invocations = invocations;
        this.replies = replies;
        this.failures = failures;
        this.afterAck = afterAck;
        this.homeTab = homeTab;
    }

    @Override
    public Response apply(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        BlockActionPayload.Action action = payload.getActions().get(0);
        boolean onHome = pressedOnHome(payload);
        String channelId = onHome ? null
                : payload.getChannel() != null ? payload.getChannel().getId() : payload.getContainer().getChannelId();
        Message answer;
        try {
            Invocation invocation = invocations.of(payload.getTeam().getId(), payload.getUser().getId(), channelId);
            Reply reply = router.press(action.getActionId(), invocation, action.getValue());
            if (reply instanceof Reply.OpenForm form) {
                if (replies.open(ctx.client(), payload.getTriggerId(), form.form(), channelId)) {
                    return ctx.ack();
                }
                answer = Message.of(SlackReplies.TRIGGER_EXPIRED);
            } else {
                answer = ((Reply.Show) reply).message();
            }
        } catch (RuntimeException e) {
            answer = failures.report(action.getActionId(), e);
        }
        Message shown = answer;
        if (onHome) {
            afterAck.submit(() -> homeTab.publish(payload.getTeam().getId(), payload.getUser().getId(), Optional.of(shown)));
        } else {
            afterAck.submit(() -> respond(ctx, shown));
        }
        return ctx.ack();
    }

    private static boolean pressedOnHome(BlockActionPayload payload) {
        return payload.getContainer() != null && "view".equals(payload.getContainer().getType())
                && payload.getView() != null && "home".equals(payload.getView().getType());
    }

    private void respond(ActionContext ctx, Message message) {
        try {
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(replies.text(message)).blocks(replies.blocks(message)));
        } catch (Exception e) {
            log.warn("answering a button press through response_url failed: {}", e.toString());
        }
    }
}
