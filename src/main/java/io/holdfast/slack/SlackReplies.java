package io.holdfast.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.LayoutBlock;
import io.holdfast.core.Form;
import io.holdfast.core.Message;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens forms as modals, following Slack's advice: open at once, before any slow work, and say so when the trigger has expired. */
final class SlackReplies {
    private static final Logger log = LoggerFactory.getLogger(SlackReplies.class);
    static final String TRIGGER_EXPIRED = "That took Slack too long to open; please try again.";

    private final BlockKit blockKit = new BlockKit();
    private final SlackModals modals;

    SlackReplies(SlackModals modals) {
        this.modals = modals;
    }

    List<LayoutBlock> blocks(Message message) {
        return blockKit.blocks(message);
    }

    String text(Message message) {
        return blockKit.fallback(message);
    }

    /** Opens {@code form}; returns false (after logging why) when Slack refused, e.g. an expired trigger_id. */
    boolean open(MethodsClient client, String triggerId, Form form, String channelId) {
        try {
            ViewsOpenResponse response = client.viewsOpen(r -> r.triggerId(triggerId).view(modals.modal(form, channelId)));
            if (!response.isOk()) {
                log.info("views.open refused: {}", response.getError());
            }
            return response.isOk();
        } catch (Exception e) {
            log.warn("views.open failed: {}", e.toString());
            return false;
        }
    }
}
