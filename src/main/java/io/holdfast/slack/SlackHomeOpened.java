package io.holdfast.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * {@code app_home_opened}: each time someone opens Holdfast's Home tab it is published afresh, after
 * the acknowledgement. The Messages tab raises the same event and is left alone.
 */
final class SlackHomeOpened implements BoltEventHandler<AppHomeOpenedEvent> {
    private static final String HOME_TAB = "home";

    private final SlackHomeTab homeTab;
    private final ExecutorService afterAck;

    SlackHomeOpened(SlackHomeTab homeTab, ExecutorService afterAck) {
        this.homeTab = homeTab;
        this.afterAck = afterAck;
    }

    @Override
    public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if (HOME_TAB.equals(event.getTab())) {
            // Bolt takes the team from the event's authorizations, the workspace that installed Holdfast.
            String teamId = ctx.getTeamId() != null ? ctx.getTeamId() : payload.getTeamId();
            afterAck.submit(() -> homeTab.publish(teamId, event.getUser(), Optional.empty()));
        }
        return ctx.ack();
    }
}
