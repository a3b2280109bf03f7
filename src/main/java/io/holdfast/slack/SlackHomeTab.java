package io.holdfast.slack;

import com.slack.api.Slack;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.holdfast.core.Invocation;
import io.holdfast.core.Message;
import io.holdfast.home.HomeService;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a person's Home tab ({@code views.publish}) with the workspace's own bot token. Called after
 * the acknowledgement: reading the page and the Web API round trip never count against Slack's 3 seconds.
 */
final class SlackHomeTab {
    private static final Logger log = LoggerFactory.getLogger(SlackHomeTab.class);
    private static final String CALLBACK_ID = "holdfast.home";

    private final Slack slack;
    private final SlackTokens tokens;
    private final HomeService home;
    private final SlackInvocations invocations;
    private final BlockKit blockKit = new BlockKit();

    SlackHomeTab(Slack slack, SlackTokens tokens, HomeService home, SlackInvocations invocations) {
        this.slack = slack;
        this.tokens = tokens;
        this.home = home;
        this.invocations = invocations;
    }

    /** Publishes {@code userId}'s Home as it is now, with {@code notice} (what they just did, or why not) at the top. */
    void publish(String teamId, String userId, Optional<Message> notice) {
        Optional<String> botToken = tokens.botToken(teamId);
        if (botToken.isEmpty()) {
            log.info("Home tab not published: workspace {} has no install", teamId);
            return;
        }
        List<LayoutBlock> blocks;
        try {
            Invocation viewer = invocations.of(teamId, userId, null);
            blocks = blockKit.blocks(home.page(viewer.actor(), notice));
        } catch (RuntimeException e) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            log.error("home tab failed (error {})", id, e);
            blocks = blockKit.blocks(Message.of("Holdfast couldn't show your Home just now (error " + id + "). Open the tab again in a moment."));
        }
        View view = View.builder().type("home").callbackId(CALLBACK_ID).blocks(blocks).build();
        try {
            ViewsPublishResponse response = slack.methods(botToken.get()).viewsPublish(r -> r.userId(userId).view(view));
            if (!response.isOk()) {
                log.info("views.publish refused: {}", response.getError());
            }
        } catch (Exception e) {
            log.warn("views.publish failed: {}", e.toString());
        }
    }
}
