package io.holdfast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContextImpl;
import com.microsoft.bot.builder.teams.TeamsInfo;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.Mention;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.TeamsChannelAccount;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import io.holdfast.testing.FakeBotConnector.Sent;
import io.holdfast.testing.TeamsActivities.Person;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake as the real SDK sees it: sends go through Bot Framework's own {@link RestConnectorClient}, and the
 * activities {@link TeamsActivities} builds are read back with the SDK's {@link Serialization}.
 */
class FakeBotConnectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT_APP_ID = "5d3c2b1a-0f9e-4d8c-b7a6-958473625140";
    private static final String TEAM = "19:f3b1c0a4e2d94b6f8a7c5e1d2b3a4c5d@thread.tacv2";
    private static final String CHANNEL = "19:abc123promises@thread.tacv2";
    private static final Person ALEX =
            new Person("29:1alex", "0b6c2f1e-1a2b-4c3d-9e8f-a1b2c3d4e5f6", "Alex Rivera", "America/New_York");
    private static final Person SAM =
            new Person("29:1sam", "7e8d9c0b-2a3b-4c5d-8e9f-0a1b2c3d4e5f", "Sam Okafor", "Europe/London");

    private final FakeBotConnector fake = FakeBotConnector.start();
    private final RestConnectorClient client = new RestConnectorClient(fake.serviceUrl(), MicrosoftAppCredentials.empty());
    private final TestClock clock = TestClock.at(Instant.parse("2025-11-24T15:30:00.250Z"));
    private final TeamsActivities teams = new TeamsActivities(fake.serviceUrl(), fake.tenantId(), BOT_APP_ID, clock);

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    @Test
    void serviceUrlEndsWithASlashAndTheSdkKeepsIt() {
        assertTrue(fake.serviceUrl().matches("http://127\\.0\\.0\\.1:\\d+/"), fake.serviceUrl());
        assertEquals(fake.serviceUrl(), client.baseUrl());
        String withoutSlash = fake.serviceUrl().substring(0, fake.serviceUrl().length() - 1);
        try (RestConnectorClient other = new RestConnectorClient(withoutSlash, MicrosoftAppCredentials.empty())) {
            assertEquals(fake.serviceUrl(), other.baseUrl(), "RestClient.Builder appends the missing slash");
        }
    }

    @Test
    void sendsGetFreshIdsAndTheirCardsAreReadable() {
        ResourceResponse first = send(CHANNEL, cardMessage());
        ResourceResponse second = send("a:1xyz", MessageFactory.text("Your promises today: none"));

        assertEquals("1764000000001", first.getId());
        assertEquals("1764000000002", second.getId());

        Sent card = fake.awaitSent(s -> CHANNEL.equals(s.conversationId()));
        assertEquals("POST", card.method());
        assertEquals(FakeBotConnector.Op.SEND, card.op());
        assertTrue(card.isPost());
        assertFalse(card.isReply());
        assertNull(card.replyToId());
        assertEquals(201, card.status());
        assertEquals("1764000000001", card.messageId());
        assertNull(card.authorization(), "empty credentials send no Authorization header");
        // The Java SDK (Retrofit) leaves ':' and '@' in the path as they are.
        assertEquals("/v3/conversations/" + CHANNEL + "/activities", card.rawPath());
        assertEquals(String.join("\n",
                "Promise logged",
                "Promise #1",
                "Send Acme the revised quote",
                "Owner",
                "Alex Rivera",
                "Due",
                "Fri 28 Nov",
                "Kept by ",
                "<at>Alex Rivera</at>",
                "Alex",
                "Sam",
                "Mark kept",
                "Snooze",
                "Open in Holdfast"), card.text());
        assertEquals("AdaptiveCard", card.card().path("type").asText());
        List<JsonNode> submits = card.submitActions();
        assertEquals(2, submits.size(), submits.toString());
        assertEquals(Map.of("verb", "kept", "promiseId", 1), card.submitData("Mark kept"));
        assertEquals(Map.of("verb", "snooze", "promiseId", 1), card.submitData("Snooze"));
        assertEquals(3, card.actions().size(), "OpenUrl counts as an action but not as a submit");
        assertEquals(List.of("29:1alex"), card.mentionedIds());
        assertThrows(AssertionError.class, () -> card.submitData("Delete"));

        Sent personal = fake.awaitSent(s -> s.conversationId().startsWith("a:"));
        assertEquals("a:1xyz", personal.conversationId());
        assertEquals("/v3/conversations/a:1xyz/activities", personal.rawPath());
        assertEquals("Your promises today: none", personal.text());
        assertNull(personal.card());
        assertEquals(2, fake.sent().size());
        assertEquals(2, fake.posts().size());
    }

    @Test
    void replyGoesToTheThreadAndNamesTheActivityItAnswers() {
        String thread = TeamsActivities.threadId(CHANNEL, "1764000000001");
        ResourceResponse reply = join(client.getConversations()
                .replyToActivity(thread, "1764000000001", MessageFactory.text("Logged #1 for Alex")));

        assertEquals("1764000000001", reply.getId(), "ids count from the first one handed out");
        Sent sent = fake.awaitSent(Sent::isReply);
        assertEquals(FakeBotConnector.Op.REPLY, sent.op());
        assertEquals(thread, sent.conversationId());
        assertEquals("1764000000001", sent.replyToId());
        assertEquals("/v3/conversations/" + thread + "/activities/1764000000001", sent.rawPath());
        assertTrue(sent.text().contains("#1"));
    }

    @Test
    void percentEncodedIdsAreDecodedToo() throws Exception {
        // The .NET SDK escapes the id; the fake must read it the same way.
        HttpClient http = HttpClient.newHttpClient();
        String encoded = "19%3Aabc123promises%40thread.tacv2%3Bmessageid%3D1764000000009";
        HttpResponse<String> response = http.send(HttpRequest
                .newBuilder(URI.create(fake.serviceUrl() + "v3/conversations/" + encoded + "/activities"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\",\"text\":\"hi\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode());
        assertEquals("1764000000001", JSON.readTree(response.body()).path("id").asText());
        assertEquals(TeamsActivities.threadId(CHANNEL, "1764000000009"), fake.awaitCount(1).get(0).conversationId());
    }

    @Test
    void updateAnswersWithTheSameIdAndIsRecordedAsAnUpdate() {
        ResourceResponse posted = send(CHANNEL, cardMessage());
        Activity edit = cardMessage();
        edit.setId(posted.getId());
        edit.setText("Promise #1 kept");

        ResourceResponse updated = join(client.getConversations().updateActivity(CHANNEL, posted.getId(), edit));

        assertEquals(posted.getId(), updated.getId());
        Sent update = fake.awaitSent(Sent::isUpdate);
        assertEquals("PUT", update.method());
        assertEquals(posted.getId(), update.activityId());
        assertEquals(200, update.status());
        assertTrue(update.text().startsWith("Promise #1 kept\n"), update.text());
        assertEquals(List.of(update), fake.updates());
        assertEquals(1, fake.posts().size());
    }

    @Test
    void rateLimitSurfacesAs429WithRetryAfterAndThenClears() {
        fake.rateLimitNext(7);

        ErrorResponseException error = sdkError(() -> send(CHANNEL, MessageFactory.text("first")));

        assertEquals(429, error.response().code());
        assertEquals("7", error.response().headers().get("Retry-After"));
        assertEquals("Throttled", error.body().getError().getCode());
        assertEquals("1764000000001", send(CHANNEL, MessageFactory.text("second")).getId(), "one-shot");
        List<Sent> sent = fake.awaitCount(2);
        assertEquals(429, sent.get(0).status());
        assertFalse(sent.get(0).succeeded());
        assertNull(sent.get(0).messageId());
        assertEquals(201, sent.get(1).status());
        assertEquals(List.of(sent.get(1)), fake.delivered());
    }

    @Test
    void faultsWaitForTheKindOfRequestTheyTarget() {
        fake.member(ALEX.teamsId(), ALEX.aadObjectId(), ALEX.name());
        fake.activityNotFoundOnNextUpdate().rateLimitNext(3, FakeBotConnector.Op.GET_MEMBER);

        String id = send(CHANNEL, MessageFactory.text("posted")).getId();
        ErrorResponseException lookup = sdkError(() ->
                join(client.getConversations().getConversationMember(ALEX.teamsId(), TEAM)));
        ErrorResponseException update = sdkError(() ->
                join(client.getConversations().updateActivity(CHANNEL, id, MessageFactory.text("edited"))));

        assertEquals(429, lookup.response().code());
        assertEquals(404, update.response().code());
        assertEquals("ActivityNotFoundInConversation", update.body().getError().getCode());
        assertEquals(404, fake.updates().get(0).status());
    }

    @Test
    void notInRosterIsA403WithTeamsErrorCode() {
        fake.notInRosterNext();

        ErrorResponseException error = sdkError(() -> send("a:1gone", MessageFactory.text("nudge")));

        assertEquals(403, error.response().code());
        assertEquals("BotNotInConversationRoster", error.body().getError().getCode());
        assertEquals("The bot is not part of the conversation roster.", error.body().getError().getMessage());
        assertEquals(403, fake.awaitSent(s -> true).status());
    }

    @Test
    void theSdkRetriesServerErrorsByItselfSoOneIsInvisibleAndFourSurface() {
        fake.serverErrorNext();
        assertEquals("1764000000001", send(CHANNEL, MessageFactory.text("retried")).getId());
        assertEquals(List.of(500, 201), fake.sent().stream().map(Sent::status).toList());

        fake.clear();
        fake.serverErrorNext(4);
        ErrorResponseException error = sdkError(() -> send(CHANNEL, MessageFactory.text("lost")));
        assertEquals(500, error.response().code());
        assertEquals("ServiceError", error.body().getError().getCode());
        assertEquals(List.of(500, 500, 500, 500), fake.sent().stream().map(Sent::status).toList());
    }

    @Test
    void teamsInfoGetMemberFindsRegisteredPeopleThroughTheTeam() throws Exception {
        fake.member(ALEX.teamsId(), ALEX.aadObjectId(), ALEX.name());
        Activity incoming = activity(teams.channelMessage(ALEX, TEAM, CHANNEL, "promise Acme the quote by Friday"));
        TurnContextImpl turn = new TurnContextImpl(new BotFrameworkAdapter(new SimpleCredentialProvider()), incoming);
        turn.getTurnState().add(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY, client);

        TeamsChannelAccount member = join(TeamsInfo.getMember(turn, ALEX.teamsId()));

        assertEquals(ALEX.aadObjectId(), member.getAadObjectId());
        assertEquals("Alex Rivera", member.getName());
        assertEquals("Alex", member.getGivenName());
        assertEquals("Rivera", member.getSurname());
        assertEquals("alex.rivera@holdfast.test", member.getEmail());
        assertEquals(fake.tenantId(), member.getTenantId());
        assertEquals("user", member.getUserRole());
        Sent lookup = fake.awaitCall(Sent::isMemberLookup, Duration.ofSeconds(5));
        assertEquals(TEAM, lookup.conversationId(), "in a team TeamsInfo asks the team, not the channel thread");
        assertEquals(ALEX.teamsId(), lookup.memberId());

        ChannelAccount byAad = join(client.getConversations().getConversationMember(ALEX.aadObjectId(), TEAM));
        assertEquals(ALEX.teamsId(), byAad.getId());

        ErrorResponseException unknown = sdkError(() -> join(TeamsInfo.getMember(turn, SAM.teamsId())));
        assertEquals(404, unknown.response().code());
        assertEquals("MemberNotFoundInConversation", unknown.body().getError().getCode());
        assertTrue(fake.sent().isEmpty(), "lookups are calls, not sent activities");
        assertEquals(3, fake.memberLookups().size());
    }

    @Test
    void awaitWakesOnALaterSendAndTimesOutListingWhatWasSent() {
        CompletableFuture<ResourceResponse> later = CompletableFuture
                .supplyAsync(() -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> client.getConversations()
                        .sendToConversation(CHANNEL, MessageFactory.text("Nudge: promise #4 is due")));

        Sent nudge = fake.awaitSent(s -> s.text().contains("#4"));
        assertEquals(CHANNEL, nudge.conversationId());
        join(later);

        AssertionError missing = assertThrows(AssertionError.class,
                () -> fake.awaitSent(s -> s.text().contains("#5"), Duration.ofMillis(100)));
        assertTrue(missing.getMessage().contains("promise #4 is due"), missing.getMessage());
        assertTrue(missing.getMessage().contains(CHANNEL), missing.getMessage());
    }

    @Test
    void heldSendStaysInFlightUntilReleased() throws Exception {
        CountDownLatch gate = fake.holdNext();
        CompletableFuture<ResourceResponse> sending =
                client.getConversations().sendToConversation(CHANNEL, MessageFactory.text("held"));

        fake.awaitSent(s -> s.text().equals("held"));
        assertFalse(sending.isDone());
        gate.countDown();
        assertEquals("1764000000001", sending.get(5, TimeUnit.SECONDS).getId());
    }

    @Test
    void unknownRoutesAre404AndRecorded() {
        ErrorResponseException error = sdkError(() -> join(client.getConversations().deleteActivity(CHANNEL, "1")));

        assertEquals(404, error.response().code());
        Sent other = fake.awaitCall(s -> s.op() == FakeBotConnector.Op.OTHER, Duration.ofSeconds(5));
        assertEquals("DELETE", other.method());
        assertTrue(fake.sent().isEmpty());
    }

    // ------------------------------------------------------------------------------------ TeamsActivities via SDK

    @Test
    void channelMessageReadsBackWithTheSdk() throws Exception {
        String json = teams.channelMessage(ALEX, TEAM, CHANNEL, "promise <at>Sam Okafor</at> the deck by Friday", SAM);
        Activity activity = activity(json);

        String id = teams.lastActivityId();
        assertEquals(String.valueOf(Instant.parse("2025-11-24T15:30:00.250Z").toEpochMilli()), id);
        assertEquals(ActivityTypes.MESSAGE, activity.getType());
        assertEquals(id, activity.getId());
        assertEquals(CHANNEL + ";messageid=" + id, activity.getConversation().getId());
        assertEquals("channel", activity.getConversation().getConversationType());
        assertTrue(activity.getConversation().isGroup());
        assertEquals(fake.tenantId(), activity.getConversation().getTenantId());
        assertEquals(fake.serviceUrl(), activity.getServiceUrl());
        assertEquals("msteams", activity.getChannelId());
        assertEquals("29:1alex", activity.getFrom().getId());
        assertEquals(ALEX.aadObjectId(), activity.getFrom().getAadObjectId());
        assertEquals("Alex Rivera", activity.getFrom().getName());
        assertEquals("28:" + BOT_APP_ID, activity.getRecipient().getId());
        assertEquals("Holdfast", activity.getRecipient().getName());
        assertEquals("en-US", activity.getLocale());
        assertEquals("America/New_York", activity.getLocalTimezone());
        assertEquals(Instant.parse("2025-11-24T15:30:00Z").getEpochSecond(), activity.getTimestamp().toEpochSecond(),
                "4.14.3 parses timestamps only with a fraction; the seconds must survive");
        assertEquals("2025-11-24T10:30:00.250-05:00", TeamsActivities.parse(json).path("localTimestamp").asText());
        // The SDK's mapper adjusts OffsetDateTimes to UTC while reading, so the sender's offset is lost there:
        // read the sender's zone from localTimezone (or the clientInfo entity), not from localTimestamp.
        assertEquals(0, activity.getLocalTimestamp().getOffset().getTotalSeconds());
        assertEquals(Instant.parse("2025-11-24T15:30:00.250Z"), activity.getLocalTimestamp().toInstant());
        // And 4.14.3 reads timestamp's fraction with the pattern letter 'n' (nano-of-second), so ".250" comes back
        // as 250 nanoseconds: whole seconds are right, the fraction is not.
        assertEquals(250, activity.getTimestamp().getNano());
        // Without any fraction 4.14.3 cannot read the activity at all, which is why TeamsActivities always writes one.
        JsonNode wholeSeconds = ((com.fasterxml.jackson.databind.node.ObjectNode) TeamsActivities.parse(json))
                .put("timestamp", "2025-11-24T15:30:00Z");
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> Serialization.safeGetAs(wholeSeconds, Activity.class));
        assertEquals("<at>Holdfast</at> promise <at>Sam Okafor</at> the deck by Friday", activity.getText());

        List<Mention> mentions = activity.getMentions();
        assertEquals(2, mentions.size());
        assertEquals("28:" + BOT_APP_ID, mentions.get(0).getMentioned().getId());
        assertEquals("<at>Holdfast</at>", mentions.get(0).getText());
        assertEquals("29:1sam", mentions.get(1).getMentioned().getId());
        assertEquals("Sam Okafor", mentions.get(1).getMentioned().getName());

        TeamsChannelData data = activity.getChannelData(TeamsChannelData.class);
        assertEquals(fake.tenantId(), data.getTenant().getId());
        assertEquals(CHANNEL, activity.teamsGetChannelId());
        assertEquals(TEAM, activity.teamsGetTeamId());
        assertNull(data.getEventType());

        assertEquals("promise <at>Sam Okafor</at> the deck by Friday", activity.removeRecipientMention().trim());
        JsonNode raw = TeamsActivities.parse(json);
        assertEquals("America/New_York", raw.path("entities").get(2).path("timezone").asText());
        assertEquals("clientInfo", raw.path("entities").get(2).path("type").asText());
        assertEquals("text/html", raw.path("attachments").get(0).path("contentType").asText());

        assertThrows(IllegalArgumentException.class,
                () -> teams.channelMessage(ALEX, TEAM, CHANNEL, "no tag for Sam here", SAM));
    }

    @Test
    void threadRepliesKeepTheRootInTheConversationId() {
        String root = teams.channelMessage(ALEX, TEAM, CHANNEL, "promise Acme the quote");
        String rootId = activity(root).getId();
        Activity reply = activity(teams.channelReply(SAM, TEAM, CHANNEL, rootId, "me too"));

        assertEquals(TeamsActivities.threadId(CHANNEL, rootId), reply.getConversation().getId());
        assertTrue(Long.parseLong(reply.getId()) > Long.parseLong(rootId), "ids increase even on a frozen clock");
        assertEquals("Europe/London", reply.getLocalTimezone());
    }

    @Test
    void personalMessageUsesAStableOneToOneConversation() throws Exception {
        Activity first = activity(teams.personalMessage(ALEX, "what do I owe this week?"));
        Activity second = activity(teams.personalMessage(ALEX, "thanks"));
        Activity sams = activity(teams.personalMessage(SAM, "hello"));

        assertEquals("personal", first.getConversation().getConversationType());
        assertFalse(first.getConversation().isGroup());
        assertTrue(first.getConversation().getId().startsWith("a:1"), first.getConversation().getId());
        assertEquals(first.getConversation().getId(), second.getConversation().getId());
        assertEquals(teams.personalConversationId(ALEX), first.getConversation().getId());
        assertFalse(first.getConversation().getId().equals(sams.getConversation().getId()));
        assertEquals("what do I owe this week?", first.getText());
        assertTrue(first.getMentions().isEmpty());
        assertNull(first.teamsGetTeamId());
        assertEquals(fake.tenantId(), first.getChannelData(TeamsChannelData.class).getTenant().getId());
    }

    @Test
    void cardSubmitCarriesTheValueAndPointsAtTheCard() throws Exception {
        Map<String, Object> value = Map.of("verb", "kept", "promiseId", 1, "note", "sent Friday");
        Activity inChannel = activity(teams.cardSubmitInChannel(SAM, TEAM, CHANNEL, "1764000000001", value));
        Activity personal = activity(teams.cardSubmit(ALEX, teams.personalConversationId(ALEX), "1764000000002",
                Map.of("verb", "snooze", "promiseId", 2)));

        assertEquals(ActivityTypes.MESSAGE, inChannel.getType());
        assertNull(inChannel.getText());
        assertEquals("1764000000001", inChannel.getReplyToId());
        assertEquals(TeamsActivities.threadId(CHANNEL, "1764000000001"), inChannel.getConversation().getId());
        assertEquals(value, JSON.convertValue(inChannel.getValue(), Map.class));
        assertEquals(TEAM, inChannel.teamsGetTeamId());
        assertTrue(Serialization.objectToTree(inChannel.getChannelData()).path("postBack").asBoolean());

        assertEquals("personal", personal.getConversation().getConversationType());
        assertEquals("1764000000002", personal.getReplyToId());
        assertEquals("snooze", JSON.convertValue(personal.getValue(), JsonNode.class).path("verb").asText());
    }

    @Test
    void conversationUpdatesReadBackWithTheSdk() throws Exception {
        Activity added = activity(teams.botAddedToTeam(ALEX, TEAM, "Client Success"));
        assertEquals(ActivityTypes.CONVERSATION_UPDATE, added.getType());
        assertTrue(added.getId().startsWith("f:"), added.getId());
        assertEquals(added.getRecipient().getId(), added.getMembersAdded().get(0).getId());
        assertEquals(TEAM, added.getConversation().getId());
        TeamsChannelData addedData = added.getChannelData(TeamsChannelData.class);
        assertEquals("teamMemberAdded", addedData.getEventType());
        assertEquals("Client Success", addedData.getTeam().getName());
        assertEquals(TEAM, addedData.getTeam().getId());
        assertEquals(fake.tenantId(), addedData.getTenant().getId());
        assertEquals(ALEX.aadObjectId(), added.getFrom().getAadObjectId());

        TeamsChannelData created = activity(teams.channelCreated(SAM, TEAM, CHANNEL, "promises"))
                .getChannelData(TeamsChannelData.class);
        assertEquals("channelCreated", created.getEventType());
        assertEquals(CHANNEL, created.getChannel().getId());
        assertEquals("promises", created.getChannel().getName());
        TeamsChannelData renamed = activity(teams.channelRenamed(SAM, TEAM, CHANNEL, "client-promises"))
                .getChannelData(TeamsChannelData.class);
        assertEquals("channelRenamed", renamed.getEventType());
        assertEquals("client-promises", renamed.getChannel().getName());

        Activity removed = activity(teams.botRemovedFromTeam(ALEX, TEAM));
        assertEquals(removed.getRecipient().getId(), removed.getMembersRemoved().get(0).getId());
        assertEquals("teamMemberRemoved", removed.getChannelData(TeamsChannelData.class).getEventType());

        Activity installed = activity(teams.personalInstall(ALEX));
        assertEquals(teams.personalConversationId(ALEX), installed.getConversation().getId());
        assertEquals(List.of("28:" + BOT_APP_ID, "29:1alex"),
                installed.getMembersAdded().stream().map(ChannelAccount::getId).toList());
        assertNull(installed.teamsGetTeamId());

        Activity install = activity(teams.installationUpdate(ALEX, "add"));
        assertEquals(ActivityTypes.INSTALLATION_UPDATE, install.getType());
        assertEquals("add", install.getAction());
        Activity teamInstall = activity(teams.teamInstallationUpdate(ALEX, TEAM, "Client Success", "add"));
        assertEquals("Client Success", teamInstall.teamsGetTeamInfo().getName());
    }

    @Test
    void aBotAdapterRepliesToATeamsActivityThroughTheFake() {
        Activity incoming = activity(teams.channelMessage(ALEX, TEAM, CHANNEL, "promise Acme the quote by Friday"));
        // No app id: authentication is disabled, and the adapter sends with empty credentials.
        BotFrameworkAdapter adapter = new BotFrameworkAdapter(new SimpleCredentialProvider());

        join(adapter.processActivity("", incoming,
                turn -> turn.sendActivity(MessageFactory.text("Logged promise #1")).thenApply(sent -> null)));

        Sent reply = fake.awaitSent(Sent::isReply);
        assertEquals(incoming.getConversation().getId(), reply.conversationId());
        assertEquals(incoming.getId(), reply.replyToId());
        assertEquals("Logged promise #1", reply.text());
        assertEquals("28:" + BOT_APP_ID, reply.activity().path("from").path("id").asText());
        assertEquals("29:1alex", reply.activity().path("recipient").path("id").asText());
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private ResourceResponse send(String conversationId, Activity activity) {
        return join(client.getConversations().sendToConversation(conversationId, activity));
    }

    private static Activity activity(String json) {
        try {
            return Serialization.safeGetAs(Serialization.jsonToTree(json), Activity.class);
        } catch (IOException e) {
            throw new AssertionError("the SDK could not read " + json, e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ErrorResponseException sdkError(Runnable call) {
        CompletionException thrown = assertThrows(CompletionException.class, call::run);
        Throwable cause = thrown.getCause();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return assertInstanceOf(ErrorResponseException.class, cause, String.valueOf(cause));
    }

    /** A promise card: nested containers, a fact set, a rich text run, inputs, an action set and card actions. */
    private static Activity cardMessage() {
        JsonNode card = tree("""
                {"type":"AdaptiveCard","version":"1.5",
                 "body":[
                  {"type":"TextBlock","text":"Promise #1","weight":"Bolder"},
                  {"type":"Container","items":[
                    {"type":"ColumnSet","columns":[
                      {"type":"Column","items":[{"type":"TextBlock","text":"Send Acme the revised quote"}]}]}]},
                  {"type":"FactSet","facts":[{"title":"Owner","value":"Alex Rivera"},{"title":"Due","value":"Fri 28 Nov"}]},
                  {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"Kept by "},
                    {"type":"TextRun","text":"<at>Alex Rivera</at>"}]},
                  {"type":"Input.ChoiceSet","id":"who","choices":[{"title":"Alex","value":"a"},{"title":"Sam","value":"s"}]},
                  {"type":"ActionSet","actions":[
                    {"type":"Action.Submit","title":"Mark kept","data":{"verb":"kept","promiseId":1}},
                    {"type":"Action.Submit","title":"Snooze","data":{"verb":"snooze","promiseId":1}}]}],
                 "actions":[{"type":"Action.OpenUrl","title":"Open in Holdfast","url":"https://holdfast.test/p/1"}],
                 "msteams":{"entities":[{"type":"mention","text":"<at>Alex Rivera</at>",
                   "mentioned":{"id":"29:1alex","name":"Alex Rivera"}}]}}
                """);
        Attachment attachment = new Attachment();
        attachment.setContentType("application/vnd.microsoft.card.adaptive");
        attachment.setContent(card);
        Activity activity = MessageFactory.attachment(attachment);
        activity.setText("Promise logged");
        return activity;
    }
}
