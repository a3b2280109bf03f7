package io.holdfast.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Failures;
import io.holdfast.core.FormOutcome;
import io.holdfast.core.Invocation;
import io.holdfast.core.Message;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modal submissions. Invalid input keeps the modal open with the errors beside the inputs; accepted
 * input closes it and the confirmation is shown privately in the channel the modal was opened from,
 * or, for a modal opened from the Home tab, at the top of the presser's Home, published again.
 */
final class SlackForms implements ViewSubmissionHandler {
    private static final Logger log = LoggerFactory.getLogger(SlackForms.class);

    private final CommandRouter router;
    private final SlackInvocations invocations;
    private final SlackReplies replies;
    private final SlackModals modals;
    private final Failures failures;
    private final ExecutorService afterAck;
    private final SlackHomeTab homeTab;

    SlackForms(CommandRouter router, SlackInvocations invocations, SlackReplies replies, SlackModals modals, Failures failures,
               ExecutorService afterAck, SlackHomeTab homeTab) {
        this.router = router;
        this.invocations = invocations;
        this.replies = replies;
        this.modals = modals;
        this.failures = failures;
        this.afterAck = afterAck;
        this.homeTab = homeTab;
    }

    @Override
    public Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload payload = request.getPayload();
        SlackModals.Origin origin = modals.origin(payload.getView().getPrivateMetadata());
        String userId = payload.getUser().getId();
        Message confirmation;
        try {
            Invocation invocation = invocations.of(payload.getTeam().getId(), userId, origin.channelId());
            FormOutcome outcome = router.submit(payload.getView().getCallbackId(), invocation, origin.context(),
                    SlackModals.values(payload.getView().getState()));
            if (outcome instanceof FormOutcome.Invalid invalid) {
                return ctx.ack(r -> r.responseAction("errors").errors(invalid.errorsByInput()));
            }
            confirmation = ((FormOutcome.Accepted) outcome).confirmation();
        } catch (RuntimeException e) {
            confirmation = failures.report(payload.getView().getCallbackId(), e);
        }
        Message shown = confirmation;
        if (origin.channelId().isEmpty()) {
            // Only the Home tab opens forms without a channel.
            afterAck.submit(() -> homeTab.publish(payload.getTeam().getId(), userId, Optional.of(shown)));
        } else {
            afterAck.submit(() -> confirm(ctx, origin.channelId(), userId, shown));
        }
        return ctx.ack();
    }

    private void confirm(ViewSubmissionContext ctx, String channelId, String userId, Message message) {
        try {
            var response = ctx.client().chatPostEphemeral(r -> r.channel(channelId).user(userId)
                    .text(replies.text(message)).blocks(replies.blocks(message)));
            if (!response.isOk()) {
                log.info("confirmation after a form could not be shown: {}", response.getError());
            }
        } catch (Exception e) {
            log.warn("confirmation after a form failed: {}", e.toString());
        }
    }
}
