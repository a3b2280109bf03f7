package io.holdfast.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds activity JSON the way the Bot Connector POSTs it to a bot's {@code /api/messages} for Microsoft Teams.
 *
 * <p>Shapes follow captured Teams payloads (Microsoft's Teams docs, "Messages in bot conversations" and "Conversation
 * events in your Teams bot", and the captured channel message in microsoft/teams.net's {@code TeamsActivityTests}):
 * <ul>
 *   <li>Message ids are epoch-millisecond strings. A top-level channel post's conversation id is
 *       {@code <channelId>;messageid=<its own id>}; a reply in that thread keeps the root's id there.</li>
 *   <li>Messages carry {@code text} with {@code <at>Name</at>} for mentions, {@code textFormat: "plain"}, a
 *       {@code text/html} attachment rendering the same text, a {@code mention} entity per mention and a
 *       {@code clientInfo} entity, {@code locale} and {@code localTimezone}.</li>
 *   <li>Channel messages' channelData has {@code teamsChannelId}, {@code teamsTeamId}, {@code channel.id},
 *       {@code team.id} and {@code tenant.id}; the team's <em>name</em> is not sent with messages, only with
 *       conversation updates (or from {@code TeamsInfo.getTeamDetails}).</li>
 *   <li>Conversation updates carry no {@code entities}/{@code locale} and a sender without a name; their ids look
 *       like {@code f:<guid>}. After the bot is added, Teams addresses other team events to the team id.</li>
 *   <li>Timestamps always have fractional seconds: SDK 4.14.3 parses {@code timestamp} with the pattern
 *       {@code yyyy-MM-dd'T'HH:mm:ss.nXXX} and fails on a timestamp without them (fixed only after 4.14.3).</li>
 * </ul>
 * The sender's {@link Person#timeZone()} becomes {@code localTimezone}, the {@code clientInfo} timezone and the offset
 * of {@code localTimestamp}.
 */
public final class TeamsActivities {

    public static final String BOT_NAME = "Holdfast";
    public static final String LOCALE = "en-US";
    public static final String CHANNEL_ID = "msteams";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter UTC_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    /**
     * A Teams user as the connector identifies them.
     *
     * @param teamsId     the bot-specific Teams id, {@code 29:...}
     * @param aadObjectId the Entra ID (AAD) object id, a GUID
     * @param name        display name
     * @param timeZone    IANA zone of the user's client, e.g. {@code America/New_York}
     */
    public record Person(String teamsId, String aadObjectId, String name, String timeZone) {
        public Person {
            Objects.requireNonNull(teamsId, "teamsId");
            Objects.requireNonNull(name, "name");
            ZoneId.of(Objects.requireNonNull(timeZone, "timeZone"));
        }
    }

    private final String serviceUrl;
    private final String tenantId;
    private final String botAppId;
    private final Clock clock;
    private final AtomicLong lastMessageId = new AtomicLong();
    private final AtomicLong eventSequence = new AtomicLong();
    private final AtomicReference<String> lastActivityId = new AtomicReference<>();

    public TeamsActivities(String serviceUrl, String tenantId, String botAppId) {
        this(serviceUrl, tenantId, botAppId, Clock.systemUTC());
    }

    /** Stamps activities (and derives message ids) from {@code clock}, e.g. a {@link TestClock}. */
    public TeamsActivities(String serviceUrl, String tenantId, String botAppId, Clock clock) {
        this.serviceUrl = Objects.requireNonNull(serviceUrl, "serviceUrl");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.botAppId = Objects.requireNonNull(botAppId, "botAppId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The bot's account id in Teams: {@code 28:<botAppId>}. */
    public String botId() {
        return "28:" + botAppId;
    }

    public String serviceUrl() {
        return serviceUrl;
    }

    public String tenantId() {
        return tenantId;
    }

    /** The id of the activity built last, e.g. to reply to a channel message or thread under it. */
    public String lastActivityId() {
        return lastActivityId.get();
    }

    /** A channel thread's conversation id: {@code <channelId>;messageid=<rootMessageId>}. */
    public static String threadId(String channelId, String rootMessageId) {
        return channelId + ";messageid=" + rootMessageId;
    }

    /**
     * The id of the 1:1 conversation between the bot and {@code person}: {@code a:1} followed by an opaque string,
     * stable for the pair like Teams' own.
     */
    public String personalConversationId(Person person) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((botAppId + "|" + person.teamsId()).getBytes(StandardCharsets.UTF_8));
            return "a:1" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- messages

    /**
     * A new top-level post in a channel that @mentions the bot. Teams prefixes the bot mention:
     * the text becomes {@code <at>Holdfast</at> } + {@code text}. Write people mentions in {@code text} as
     * {@code <at>Name</at>} and pass those people as {@code mentioned}.
     */
    public String channelMessage(Person from, String teamId, String channelId, String text, Person... mentioned) {
        String id = nextMessageId();
        return channelPost(from, teamId, channelId, id, id, text, mentioned);
    }

    /** A reply in the thread under {@code threadRootId}, @mentioning the bot (bots only see replies that do). */
    public String channelReply(Person from, String teamId, String channelId, String threadRootId, String text,
            Person... mentioned) {
        return channelPost(from, teamId, channelId, threadRootId, nextMessageId(), text, mentioned);
    }

    /** A message in the user's 1:1 chat with the bot; no mention. */
    public String personalMessage(Person from, String text) {
        ObjectNode activity = message(from, nextMessageId(), personalConversation(from));
        activity.put("text", text);
        activity.put("textFormat", "plain");
        activity.putArray("attachments").add(htmlAttachment(text, new Person[0]));
        activity.putArray("entities").add(clientInfo(from));
        activity.set("channelData", tenantChannelData());
        return write(activity);
    }

    /**
     * The message Teams sends when {@code from} clicks an {@code Action.Submit} on the card the bot posted as
     * {@code replyToId}: no text, {@code value} = the action's data merged with the card's inputs, and
     * {@code channelData.postBack: true}. {@code conversationId} is where the card lives: {@code a:...} for a 1:1
     * chat, a thread id ({@link #threadId}) in a channel, {@code 19:...@thread.v2} for a group chat.
     */
    public String cardSubmit(Person from, String conversationId, String replyToId, Map<String, Object> value) {
        ObjectNode conversation;
        ObjectNode channelData = tenantChannelData();
        if (conversationId.startsWith("a:")) {
            conversation = JSON.createObjectNode().put("conversationType", "personal");
        } else if (conversationId.contains("@thread.tacv2") || conversationId.contains("@thread.skype")) {
            conversation = JSON.createObjectNode().put("isGroup", true).put("conversationType", "channel");
            String channelId = conversationId.split(";", 2)[0];
            channelData.put("teamsChannelId", channelId);
            channelData.putObject("channel").put("id", channelId);
        } else {
            conversation = JSON.createObjectNode().put("isGroup", true).put("conversationType", "groupChat");
        }
        conversation.put("tenantId", tenantId).put("id", conversationId);
        return write(submit(from, conversation, replyToId, value, channelData));
    }

    /**
     * {@link #cardSubmit} for a card the bot posted at the top of a channel, so its thread is
     * {@code <channelId>;messageid=<cardActivityId>}; carries the team's channelData like any channel message.
     */
    public String cardSubmitInChannel(Person from, String teamId, String channelId, String cardActivityId,
            Map<String, Object> value) {
        ObjectNode conversation = channelConversation(threadId(channelId, cardActivityId));
        return write(submit(from, conversation, cardActivityId, value, channelMessageData(teamId, channelId)));
    }

    // ------------------------------------------------------------------------------------------- conversation updates

    /**
     * The {@code conversationUpdate} Teams sends when {@code installer} adds the app to a team: {@code membersAdded}
     * holds the bot, the conversation is the channel chosen at install (here the General channel, whose id is the
     * team id), and channelData has {@code eventType: teamMemberAdded}, {@code team {id, name, aadGroupId}} and
     * {@code settings.selectedChannel}. Teams also sends an {@code installationUpdate}
     * ({@link #teamInstallationUpdate}).
     */
    public String botAddedToTeam(Person installer, String teamId, String teamName) {
        ObjectNode activity = conversationUpdate(installer, channelConversation(teamId));
        activity.putArray("membersAdded").add(JSON.createObjectNode().put("id", botId()));
        ObjectNode channelData = JSON.createObjectNode();
        channelData.putObject("settings").putObject("selectedChannel").put("id", teamId);
        channelData.set("team", team(teamId, teamName));
        channelData.put("eventType", "teamMemberAdded");
        channelData.putObject("tenant").put("id", tenantId);
        activity.set("channelData", channelData);
        return write(activity);
    }

    /** {@code conversationUpdate} with {@code membersRemoved: [bot]}, {@code eventType: teamMemberRemoved}. */
    public String botRemovedFromTeam(Person by, String teamId) {
        ObjectNode activity = conversationUpdate(by, channelConversation(teamId));
        activity.putArray("membersRemoved").add(JSON.createObjectNode().put("id", botId()));
        ObjectNode channelData = JSON.createObjectNode();
        channelData.putObject("team").put("id", teamId);
        channelData.put("eventType", "teamMemberRemoved");
        channelData.putObject("tenant").put("id", tenantId);
        activity.set("channelData", channelData);
        return write(activity);
    }

    /** {@code conversationUpdate}, {@code eventType: channelCreated}, {@code channelData.channel {id, name}}. */
    public String channelCreated(Person by, String teamId, String channelId, String channelName) {
        return channelEvent("channelCreated", by, teamId, channelId, channelName);
    }

    /** {@code conversationUpdate}, {@code eventType: channelRenamed}, {@code channelData.channel} has the new name. */
    public String channelRenamed(Person by, String teamId, String channelId, String newName) {
        return channelEvent("channelRenamed", by, teamId, channelId, newName);
    }

    /** {@code conversationUpdate}, {@code eventType: channelDeleted}. */
    public String channelDeleted(Person by, String teamId, String channelId, String channelName) {
        return channelEvent("channelDeleted", by, teamId, channelId, channelName);
    }

    /**
     * The {@code conversationUpdate} Teams sends when {@code installer} adds the app for personal use: in their 1:1
     * conversation, {@code membersAdded} lists the bot and the user (as in Teams' documented example), and
     * channelData has only the tenant (no {@code team}, no {@code eventType}). Teams sends an
     * {@code installationUpdate} alongside ({@link #installationUpdate}); a bot should treat either as "installed".
     */
    public String personalInstall(Person installer) {
        ObjectNode activity = conversationUpdate(installer, personalConversation(installer));
        ArrayNode added = activity.putArray("membersAdded");
        added.add(JSON.createObjectNode().put("id", botId()));
        added.add(JSON.createObjectNode().put("id", installer.teamsId()).put("aadObjectId", installer.aadObjectId()));
        activity.set("channelData", tenantChannelData());
        return write(activity);
    }

    /**
     * The {@code installationUpdate} for the personal scope, {@code action} being {@code add} or {@code remove}
     * ({@code add-upgrade}/{@code remove-upgrade} after an app upgrade).
     */
    public String installationUpdate(Person installer, String action) {
        ObjectNode activity = installation(installer, personalConversation(installer), action);
        activity.set("channelData", tenantChannelData());
        return write(activity);
    }

    /** The {@code installationUpdate} for a team, into its General channel (id = team id). */
    public String teamInstallationUpdate(Person installer, String teamId, String teamName, String action) {
        ObjectNode activity = installation(installer, channelConversation(teamId), action);
        ObjectNode channelData = JSON.createObjectNode();
        channelData.putObject("settings").putObject("selectedChannel").put("id", teamId);
        channelData.putObject("channel").put("id", teamId);
        channelData.set("team", team(teamId, teamName));
        channelData.putObject("tenant").put("id", tenantId);
        channelData.putObject("source").put("name", "message");
        activity.set("channelData", channelData);
        return write(activity);
    }

    // ------------------------------------------------------------------------------------------------------ builders

    private String channelPost(Person from, String teamId, String channelId, String rootId, String id, String text,
            Person[] mentioned) {
        for (Person person : mentioned) {
            if (!text.contains(mentionText(person.name()))) {
                throw new IllegalArgumentException(person.name() + " is mentioned but the text has no "
                        + mentionText(person.name()) + ": " + text);
            }
        }
        String fullText = mentionText(BOT_NAME) + " " + text;
        ObjectNode activity = message(from, id, channelConversation(threadId(channelId, rootId)));
        activity.put("text", fullText);
        activity.put("textFormat", "plain");
        Person[] all = new Person[mentioned.length + 1];
        all[0] = new Person(botId(), null, BOT_NAME, "UTC");
        System.arraycopy(mentioned, 0, all, 1, mentioned.length);
        activity.putArray("attachments").add(htmlAttachment(fullText, all));
        ArrayNode entities = activity.putArray("entities");
        for (Person person : all) {
            ObjectNode mention = entities.addObject();
            mention.putObject("mentioned").put("id", person.teamsId()).put("name", person.name());
            mention.put("text", mentionText(person.name()));
            mention.put("type", "mention");
        }
        entities.add(clientInfo(from));
        activity.set("channelData", channelMessageData(teamId, channelId));
        return write(activity);
    }

    private ObjectNode submit(Person from, ObjectNode conversation, String replyToId, Map<String, Object> value,
            ObjectNode channelData) {
        ObjectNode activity = message(from, nextMessageId(), conversation);
        activity.put("replyToId", replyToId);
        activity.set("value", JSON.valueToTree(value));
        activity.putArray("entities").add(clientInfo(from));
        channelData.put("postBack", true);
        activity.set("channelData", channelData);
        return activity;
    }

    private String channelEvent(String eventType, Person by, String teamId, String channelId, String channelName) {
        // Once the bot is in the team, Teams addresses team events to the team id, not to the channel concerned.
        ObjectNode activity = conversationUpdate(by, channelConversation(teamId));
        ObjectNode channelData = JSON.createObjectNode();
        channelData.putObject("channel").put("id", channelId).put("name", channelName);
        channelData.putObject("team").put("id", teamId);
        channelData.put("eventType", eventType);
        channelData.putObject("tenant").put("id", tenantId);
        activity.set("channelData", channelData);
        return write(activity);
    }

    /** The envelope every message shares; the caller adds text/value, entities and channelData. */
    private ObjectNode message(Person from, String id, ObjectNode conversation) {
        Instant now = clock.instant();
        ObjectNode activity = JSON.createObjectNode();
        activity.put("type", "message");
        activity.put("id", id);
        activity.put("timestamp", UTC_TIMESTAMP.format(now));
        activity.put("localTimestamp", LOCAL_TIMESTAMP.format(now.atZone(ZoneId.of(from.timeZone()))));
        activity.put("serviceUrl", serviceUrl);
        activity.put("channelId", CHANNEL_ID);
        ObjectNode sender = activity.putObject("from").put("id", from.teamsId()).put("name", from.name());
        if (from.aadObjectId() != null) {
            sender.put("aadObjectId", from.aadObjectId());
        }
        activity.set("conversation", conversation);
        activity.set("recipient", recipient());
        activity.put("locale", LOCALE);
        activity.put("localTimezone", from.timeZone());
        return activity;
    }

    private ObjectNode conversationUpdate(Person by, ObjectNode conversation) {
        return event("conversationUpdate", by, conversation);
    }

    private ObjectNode installation(Person installer, ObjectNode conversation, String action) {
        ObjectNode activity = event("installationUpdate", installer, conversation);
        activity.put("locale", LOCALE);
        activity.putArray("entities").addObject().put("type", "clientInfo").put("locale", LOCALE);
        activity.put("action", action);
        return activity;
    }

    private ObjectNode event(String type, Person by, ObjectNode conversation) {
        Instant now = clock.instant();
        ObjectNode activity = JSON.createObjectNode();
        activity.put("type", type);
        activity.put("id", "f:" + UUID.nameUUIDFromBytes((botAppId + "|event|" + eventSequence.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8)));
        activity.put("timestamp", UTC_TIMESTAMP.format(now));
        activity.put("localTimestamp", LOCAL_TIMESTAMP.format(now.atZone(ZoneId.of(by.timeZone()))));
        activity.put("serviceUrl", serviceUrl);
        activity.put("channelId", CHANNEL_ID);
        ObjectNode sender = activity.putObject("from").put("id", by.teamsId());
        if (by.aadObjectId() != null) {
            sender.put("aadObjectId", by.aadObjectId());
        }
        activity.set("conversation", conversation);
        activity.set("recipient", recipient());
        return activity;
    }

    private ObjectNode channelConversation(String conversationId) {
        return JSON.createObjectNode()
                .put("isGroup", true)
                .put("conversationType", "channel")
                .put("tenantId", tenantId)
                .put("id", conversationId);
    }

    private ObjectNode personalConversation(Person person) {
        return JSON.createObjectNode()
                .put("conversationType", "personal")
                .put("tenantId", tenantId)
                .put("id", personalConversationId(person));
    }

    private ObjectNode recipient() {
        return JSON.createObjectNode().put("id", botId()).put("name", BOT_NAME);
    }

    private ObjectNode channelMessageData(String teamId, String channelId) {
        ObjectNode channelData = JSON.createObjectNode();
        channelData.put("teamsChannelId", channelId);
        channelData.put("teamsTeamId", teamId);
        channelData.putObject("channel").put("id", channelId);
        channelData.putObject("team").put("id", teamId);
        channelData.putObject("tenant").put("id", tenantId);
        return channelData;
    }

    private ObjectNode tenantChannelData() {
        ObjectNode channelData = JSON.createObjectNode();
        channelData.putObject("tenant").put("id", tenantId);
        return channelData;
    }

    private ObjectNode team(String teamId, String teamName) {
        return JSON.createObjectNode()
                .put("aadGroupId", UUID.nameUUIDFromBytes(("team|" + teamId).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .put("name", teamName)
                .put("id", teamId);
    }

    private ObjectNode clientInfo(Person person) {
        return JSON.createObjectNode()
                .put("locale", LOCALE)
                .put("country", "US")
                .put("platform", "Web")
                .put("timezone", person.timeZone())
                .put("type", "clientInfo");
    }

    /** The HTML rendering Teams attaches to typed messages, mentions as Skype mention spans numbered in order. */
    private static ObjectNode htmlAttachment(String text, Person[] mentioned) {
        String html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        for (int i = 0; i < mentioned.length; i++) {
            String escapedMention = mentionText(mentioned[i].name())
                    .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            html = html.replace(escapedMention, "<span itemtype=\"http://schema.skype.com/Mention\" itemscope=\"\""
                    + " itemid=\"" + i + "\">" + escape(mentioned[i].name()) + "</span>");
        }
        return JSON.createObjectNode()
                .put("contentType", "text/html")
                .put("content", "<p>" + html.replace("</span> ", "</span>&nbsp;") + "</p>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String mentionText(String name) {
        return "<at>" + name + "</at>";
    }

    /** Epoch-millisecond ids like Teams', strictly increasing even when the clock stands still. */
    private String nextMessageId() {
        long millis = clock.millis();
        return String.valueOf(lastMessageId.updateAndGet(last -> Math.max(last + 1, millis)));
    }

    private String write(ObjectNode activity) {
        lastActivityId.set(activity.path("id").asText());
        try {
            return JSON.writeValueAsString(activity);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an activity built here, for tests that want to peek at a field. */
    public static JsonNode parse(String activityJson) {
        try {
            return JSON.readTree(activityJson);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
