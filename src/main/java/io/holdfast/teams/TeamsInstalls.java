package io.holdfast.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ResultPair;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.ChannelInfo;
import com.microsoft.bot.schema.teams.TeamInfo;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.store.TenantStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps track of where Holdfast is installed in Teams: which tenant an activity belongs to, and a
 * conversation reference for every channel and chat it hears from, so it can post there later.
 */
final class TeamsInstalls {
    private final TenantStore tenants;
    private final TeamsConversations conversations;

    TeamsInstalls(TenantStore tenants, TeamsConversations conversations) {
        this.tenants = tenants;
        this.conversations = conversations;
    }

    /** The Teams tenant the activity comes from; empty for traffic that names none. */
    Optional<Tenant> tenantOf(Activity activity) {
        return tenantIdOf(activity).map(id -> tenants.findOrCreate(Platform.TEAMS, id));
    }

    /** The tenant id an activity names; the Bot Framework Emulator names none, so its traffic is one local tenant. */
    static Optional<String> tenantIdOf(Activity activity) {
        String id = activity.getConversation() == null ? null : activity.getConversation().getTenantId();
        if (id == null || id.isBlank()) {
            TeamsChannelData data = channelData(activity);
            id = data != null && data.getTenant() != null ? data.getTenant().getId() : null;
        }
        if ((id == null || id.isBlank()) && TeamsAdmission.EMULATOR.equals(activity.getChannelId())) {
            id = TeamsAdmission.EMULATOR;
        }
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id);
    }

    /** Where the activity happened, as Holdfast addresses it: the channel (not the thread) or the chat. */
    static String placeOf(Activity activity) {
        TeamsChannelData data = channelData(activity);
        String channel = data == null ? null : data.getChannel() != null ? data.getChannel().getId() : data.getTeamsChannelId();
        return channel != null && !channel.isBlank() ? channel : activity.getConversation().getId();
    }

    /** Remembers the conversation the activity came from; cheap when nothing changed. */
    void remember(Tenant tenant, Activity activity) {
        TeamsChannelData data = channelData(activity);
        String name = data != null && data.getChannel() != null ? data.getChannel().getName() : null;
        TeamInfo team = teamOf(activity);
        remember(tenant, activity, placeOf(activity), kindOf(activity), team == null ? null : team.getId(), name);
    }

    /** Remembers a channel a conversation update told about (created, renamed). */
    void rememberChannel(Tenant tenant, Activity activity, ChannelInfo channel, TeamInfo team) {
        remember(tenant, activity, channel.getId(), TeamsConversations.Kind.CHANNEL, team == null ? null : team.getId(), channel.getName());
    }

    /** Holdfast was uninstalled where the activity happened: the whole team, or that one chat. */
    void forget(Tenant tenant, Activity activity) {
        TeamInfo team = teamOf(activity);
        if (team != null && team.getId() != null) {
            conversations.forgetTeam(tenant.id(), team.getId());
        } else {
            conversations.forget(tenant.id(), placeOf(activity));
        }
    }

    void forgetChannel(Tenant tenant, ChannelInfo channel) {
        conversations.forget(tenant.id(), channel.getId());
    }

    private void remember(Tenant tenant, Activity activity, String conversationId, TeamsConversations.Kind kind, String teamId, String name) {
        String reference = referenceJson(activity, conversationId);
        Optional<TeamsConversations.Conversation> known = conversations.find(tenant.id(), conversationId);
        String userId = kind == TeamsConversations.Kind.PERSONAL && activity.getFrom() != null ? TeamsPeople.idOf(activity.getFrom()) : null;
        boolean same = known.isPresent() && known.get().installed() && known.get().reference().equals(reference)
                && (name == null || Objects.equals(name, known.get().name())) && (userId == null || userId.equals(known.get().userId()));
        if (!same) {
            conversations.remember(tenant.id(), new TeamsConversations.Conversation(conversationId, kind, teamId, name, userId, reference, true));
        }
    }

    /** The reference for posting at the top of the conversation: no person, no message to reply to. */
    private static String referenceJson(Activity activity, String conversationId) {
        ConversationReference reference = activity.getConversationReference();
        ConversationAccount conversation = new ConversationAccount();
        conversation.setId(conversationId);
        conversation.setConversationType(activity.getConversation().getConversationType());
        conversation.setTenantId(activity.getConversation().getTenantId());
        conversation.setIsGroup(activity.getConversation().isGroup());
        reference.setConversation(conversation);
        reference.setActivityId(null);
        reference.setUser(null);
        try {
            return Serialization.toString(reference);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Teams conversation reference could not be written", e);
        }
    }

    private static TeamsConversations.Kind kindOf(Activity activity) {
        String type = activity.getConversation().getConversationType();
        if ("personal".equals(type)) {
            return TeamsConversations.Kind.PERSONAL;
        }
        if ("groupChat".equals(type)) {
            return TeamsConversations.Kind.GROUP_CHAT;
        }
        // The Bot Framework Emulator names no type; only a conversation inside a team is a channel.
        return "channel".equals(type) || teamOf(activity) != null ? TeamsConversations.Kind.CHANNEL
                : TeamsConversations.Kind.PERSONAL;
    }

    /** The team the activity happened in, if any. (The SDK's own lookups throw on activities without channel data.) */
    private static TeamInfo teamOf(Activity activity) {
        TeamsChannelData data = channelData(activity);
        return data == null ? null : data.getTeam();
    }

    private static TeamsChannelData channelData(Activity activity) {
        if (activity.getChannelData() == null) {
            return null;
        }
        ResultPair<TeamsChannelData> data = activity.tryGetChannelData(TeamsChannelData.class);
        return data.result() ? data.value() : null;
    }
}
