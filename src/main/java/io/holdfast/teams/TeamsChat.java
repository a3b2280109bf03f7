package io.holdfast.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import io.holdfast.core.Block;
import io.holdfast.core.Chat;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Message;
import io.holdfast.core.Tenant;
import io.holdfast.core.Text;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox posts to Teams on the conversation references stored at install time: a proactive
 * turn ({@code continueConversation}) per post. A reply under a card goes into the card's channel thread.
 */
public final class TeamsChat implements Chat {
    private static final Logger log = LoggerFactory.getLogger(TeamsChat.class);
    private static final String REPLACED_NOTE = "This card replaces an earlier one that Teams could no longer update.";

    private final TeamsAdapter adapter;
    private final TeamsConversations conversations;
    private final CardActivities activities;

    TeamsChat(TeamsAdapter adapter, TeamsConversations conversations, CardActivities activities) {
        this.adapter = adapter;
        this.conversations = conversations;
        this.activities = activities;
    }

    @Override
    public Posted post(Tenant tenant, String channel, String threadRef, Message message) throws DeliveryException {
        TeamsConversations.Conversation conversation = installed(tenant, channel);
        boolean inThread = threadRef != null && conversation.kind() == TeamsConversations.Kind.CHANNEL;
        Activity activity = activities.message(tenant, message);
        if (inThread) {
            activity.setReplyToId(threadRef);
        }
        try {
            return new Posted(conversation.conversationId(), send(tenant, conversation, inThread ? threadRef : null, activity, false));
        } catch (RuntimeException e) {
            throw TeamsFailures.delivery(e);
        }
    }

    @Override
    public Posted update(Tenant tenant, String channel, String ref, Message message) throws DeliveryException {
        TeamsConversations.Conversation conversation = installed(tenant, channel);
        Activity activity = activities.message(tenant, message);
        activity.setId(ref);
        try {
            send(tenant, conversation, conversation.kind() == TeamsConversations.Kind.CHANNEL ? ref : null, activity, true);
            return new Posted(conversation.conversationId(), ref);
        } catch (RuntimeException e) {
            if (!TeamsFailures.is(e, TeamsFailures.ACTIVITY_NOT_FOUND)) {
                throw TeamsFailures.delivery(e);
            }
            log.info("Teams lost card {} in a conversation of tenant {}; posting the update as a new card", ref, tenant.id());
            return post(tenant, channel, null, withNote(message));
        }
    }

    /** The conversation for a channel or chat id, or for a person's id their personal chat with Holdfast. */
    private TeamsConversations.Conversation installed(Tenant tenant, String channel) throws DeliveryException {
        return conversations.find(tenant.id(), channel).or(() -> conversations.personalChatWith(tenant.id(), channel))
                .filter(TeamsConversations.Conversation::installed)
                .orElseThrow(() -> DeliveryException.permanent("Holdfast is not installed in that Teams conversation"));
    }

    /**
     * Sends in a proactive turn; returns the activity id Teams gave the post. A refusal is thrown as the
     * SDK raised it, after forgetting a conversation Holdfast is no longer part of.
     */
    private String send(Tenant tenant, TeamsConversations.Conversation conversation, String thread, Activity activity, boolean update)
            throws DeliveryException {
        ConversationReference reference = reference(conversation, thread);
        AtomicReference<String> id = new AtomicReference<>();
        // Addressed here rather than by the turn, which would reply to the made-up id of its continuation activity.
        activity.applyConversationReference(reference, false);
        try {
            adapter.continueConversation(reference, turn -> update
                    ? turn.getAdapter().updateActivity(turn, activity).thenAccept(r -> id.set(activity.getId()))
                    : turn.getAdapter().sendActivities(turn, List.of(activity))
                            .thenAccept(r -> id.set(r == null || r.length == 0 || r[0] == null ? null : r[0].getId()))).join();
        } catch (RuntimeException e) {
            if (TeamsFailures.is(e, TeamsFailures.NOT_IN_ROSTER) || TeamsFailures.is(e, TeamsFailures.CONVERSATION_NOT_FOUND)) {
                conversations.forget(tenant.id(), conversation.conversationId());
            }
            throw e;
        }
        if (id.get() == null) {
            throw DeliveryException.transientFailure("Teams did not say where the post landed");
        }
        return id.get();
    }

    private static ConversationReference reference(TeamsConversations.Conversation conversation, String thread) throws DeliveryException {
        ConversationReference reference;
        try {
            reference = Serialization.treeToValue(Serialization.jsonToTree(conversation.reference()), ConversationReference.class);
        } catch (IOException | RuntimeException e) {
            throw DeliveryException.permanent("the stored Teams conversation reference is unreadable");
        }
        if (thread != null) {
            // A channel thread is addressed as its own conversation: the channel id with the root message's id.
            ConversationAccount threadConversation = new ConversationAccount();
            threadConversation.setId(conversation.conversationId() + ";messageid=" + thread);
            threadConversation.setConversationType(reference.getConversation().getConversationType());
            threadConversation.setTenantId(reference.getConversation().getTenantId());
            threadConversation.setIsGroup(reference.getConversation().isGroup());
            reference.setConversation(threadConversation);
        }
        return reference;
    }

    private static Message withNote(Message message) {
        List<Block> blocks = new ArrayList<>(message.blocks());
        blocks.add(new Block.Context(Text.plain(REPLACED_NOTE)));
        return new Message(message.summary(), blocks);
    }
}
