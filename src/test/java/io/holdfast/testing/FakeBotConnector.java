package io.holdfast.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local stand-in for the Bot Connector REST API (v3) as Microsoft Teams' connector serves it, recording every call
 * for assertions and answering the way the connector does.
 *
 * <p>Point the product (or {@code new RestConnectorClient(fake.serviceUrl(), MicrosoftAppCredentials.empty())}) at
 * {@link #serviceUrl()}; incoming activities built with {@link TeamsActivities} carry that URL as their
 * {@code serviceUrl}, so a bot replying through the SDK lands here. Tests wait for what they expect with
 * {@link #awaitSent}, which wakes on each recorded call instead of polling.
 *
 * <p>Routes, as the Bot Framework Java SDK 4.14.3 ({@code RestConversations}) calls them:
 * <ul>
 *   <li>{@code POST v3/conversations/{conversationId}/activities} (send) and
 *       {@code POST v3/conversations/{conversationId}/activities/{activityId}} (reply) answer {@value #CREATED}
 *       {@code {"id":"<new id>"}}, ids counting up from {@value #FIRST_ACTIVITY_ID};</li>
 *   <li>{@code PUT v3/conversations/{conversationId}/activities/{activityId}} (update) answers 200
 *       {@code {"id":"<activityId>"}};</li>
 *   <li>{@code GET v3/conversations/{conversationId}/members/{memberId}} answers a {@code TeamsChannelAccount} for
 *       people registered with {@link #member}, looked up by Teams id ({@code 29:...}) or AAD object id, else 404
 *       {@code MemberNotFoundInConversation}; {@code GET .../members} and {@code GET .../pagedmembers} list every
 *       registered person (the fake keeps no per-conversation roster);</li>
 *   <li>anything else: 404, recorded as {@link Op#OTHER}.</li>
 * </ul>
 * Path segments are percent-decoded one by one, so a conversation id reads the same whether the client sent
 * {@code 19:abc@thread.tacv2;messageid=1} literally (as the Java SDK does) or percent-encoded (as the .NET SDK does).
 *
 * <p>Faults are one-shot and queued: each applies to the next request of a matching {@link Op}; by default the
 * activity writes ({@link Op#SEND}, {@link Op#REPLY}, {@link Op#UPDATE}). Failed calls are recorded like the rest,
 * with their {@link Sent#status()}. Note that the SDK's own {@code RetryHandler} silently re-sends a request
 * answered 408 or 5xx (other than 501/505) up to three times, so one {@link #serverErrorNext()} is invisible to a
 * product calling through the SDK; inject four to make the error surface.
 */
public final class FakeBotConnector implements AutoCloseable {

    public static final String DEFAULT_TENANT_ID = "9c1e7a52-3f0b-4d5e-8a61-2b7d4c9e0f13";
    /** The first id the fake hands out for a posted activity; Teams message ids are epoch-millisecond strings. */
    public static final long FIRST_ACTIVITY_ID = 1_764_000_000_001L;
    static final int CREATED = 201;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN_PATH = "/login/";
    private static final Set<Op> ACTIVITY_WRITES = EnumSet.of(Op.SEND, Op.REPLY, Op.UPDATE);

    /** What a request asked the connector to do. */
    public enum Op {
        /** {@code POST .../activities}: a new message in the conversation (or thread, for a {@code ;messageid=} id). */
        SEND,
        /** {@code POST .../activities/{activityId}}: a reply to an activity. */
        REPLY,
        /** {@code PUT .../activities/{activityId}}: an edit of a message the bot sent. */
        UPDATE,
        /** {@code GET .../members/{memberId}}. */
        GET_MEMBER,
        /** {@code GET .../members} or {@code GET .../pagedmembers}. */
        LIST_MEMBERS,
        /** Anything the fake does not serve; answered 404. */
        OTHER
    }

    private final String tenantId;
    private final HttpServer server;
    private final ExecutorService executor;

    // The log's lock also guards faults, holds and members, so a call takes its fault and id as it is recorded.
    private final CallLog<Sent> calls = new CallLog<>(String::valueOf);
    private final List<PendingFault> faults = new ArrayList<>();
    private final List<PendingHold> holds = new ArrayList<>();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final AtomicLong nextActivityId = new AtomicLong(FIRST_ACTIVITY_ID);
    private final CallLog<TokenRequest> tokenRequests = new CallLog<>(String::valueOf);
    private final List<Integer> tokenRefusals = new ArrayList<>();

    private FakeBotConnector(String tenantId) {
        this.tenantId = tenantId;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake Bot Connector", e);
        }
        // Several threads, so a bot sending concurrently isn't serialised by its fake.
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-bot-connector");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.createContext(LOGIN_PATH, this::token);
        server.start();
    }

    /** Starts the fake on a free loopback port, for the tenant {@link #DEFAULT_TENANT_ID}. */
    public static FakeBotConnector start() {
        return start(DEFAULT_TENANT_ID);
    }

    /** Starts the fake on a free loopback port; member lookups report {@code tenantId}. */
    public static FakeBotConnector start(String tenantId) {
        return new FakeBotConnector(tenantId);
    }

    /**
     * The {@code serviceUrl} to hand the bot, e.g. {@code http://127.0.0.1:PORT/}. It ends with a slash like the
     * real ones ({@code https://smba.trafficmanager.net/amer/}); the SDK's {@code RestClient.Builder} would add one
     * if it were missing, and resolves {@code v3/conversations/...} against it.
     */
    public String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String tenantId() {
        return tenantId;
    }

    /**
     * Makes {@code GET .../members/{teamsUserId or aadObjectId}} describe this person; email and UPN are derived
     * from the name ({@code alex.rivera@holdfast.test}).
     */
    public FakeBotConnector member(String teamsUserId, String aadObjectId, String name) {
        Member member = new Member(teamsUserId, aadObjectId, name);
        calls.locked(() -> members.put(teamsUserId, member));
        return this;
    }

    /** The next activity write gets 429 with this {@code Retry-After} and code {@code Throttled}. */
    public FakeBotConnector rateLimitNext(int retryAfterSeconds) {
        return rateLimitNext(retryAfterSeconds, Op.SEND, Op.REPLY, Op.UPDATE);
    }

    /** The next request of one of these kinds gets 429 with this {@code Retry-After}. */
    public FakeBotConnector rateLimitNext(int retryAfterSeconds, Op... ops) {
        return addFault(new Fault(429, "Throttled", "Too many requests.", retryAfterSeconds), 1, ops);
    }

    /**
     * The next activity write gets 500 {@code ServiceError}. The SDK retries it on its own (see the class comment),
     * so through the SDK this only shows up as an extra recorded call.
     */
    public FakeBotConnector serverErrorNext() {
        return serverErrorNext(1);
    }

    /** The next {@code times} activity writes get 500; four in a row defeat the SDK's built-in retries. */
    public FakeBotConnector serverErrorNext(int times) {
        return serverErrorNext(times, Op.SEND, Op.REPLY, Op.UPDATE);
    }

    public FakeBotConnector serverErrorNext(int times, Op... ops) {
        return addFault(new Fault(500, "ServiceError", "An internal server error occurred.", 0), times, ops);
    }

    /** The next activity write gets 403 {@code BotNotInConversationRoster}, as after the app was removed. */
    public FakeBotConnector notInRosterNext() {
        return notInRosterNext(Op.SEND, Op.REPLY, Op.UPDATE);
    }

    public FakeBotConnector notInRosterNext(Op... ops) {
        return addFault(new Fault(403, "BotNotInConversationRoster",
                "The bot is not part of the conversation roster.", 0), 1, ops);
    }

    /** The next update (PUT) gets 404 {@code ActivityNotFoundInConversation}, as for a deleted message. */
    public FakeBotConnector activityNotFoundOnNextUpdate() {
        // The message is the one Teams documents for this code.
        return addFault(new Fault(404, "ActivityNotFoundInConversation", "Conversation not found.", 0), 1, Op.UPDATE);
    }

    /**
     * The next activity write is recorded at once but answered only when the returned latch is counted down, so a
     * test can hold a send in flight.
     */
    public CountDownLatch holdNext() {
        CountDownLatch gate = new CountDownLatch(1);
        calls.locked(() -> holds.add(new PendingHold(ACTIVITY_WRITES, gate)));
        return gate;
    }

    /** Every recorded request, in arrival order: activity writes, member lookups and unknown routes. */
    public List<Sent> calls() {
        return calls.all();
    }

    /** Every activity write (send, reply, update) in arrival order, failed ones included. */
    public List<Sent> sent() {
        return calls.matching(FakeBotConnector::isActivityWrite);
    }

    /** The sends and replies (POSTs), failed ones included. */
    public List<Sent> posts() {
        return calls.matching(Sent::isPost);
    }

    /** The updates (PUTs), failed ones included. */
    public List<Sent> updates() {
        return calls.matching(Sent::isUpdate);
    }

    /** Activity writes the fake accepted (2xx). */
    public List<Sent> delivered() {
        return calls.matching(call -> isActivityWrite(call) && call.succeeded());
    }

    public List<Sent> memberLookups() {
        return calls.matching(Sent::isMemberLookup);
    }

    /** The first activity write that matches, waiting up to {@link #DEFAULT_TIMEOUT} for it to arrive. */
    public Sent awaitSent(Predicate<Sent> match) {
        return awaitSent(match, DEFAULT_TIMEOUT);
    }

    public Sent awaitSent(Predicate<Sent> match, Duration timeout) {
        return calls.await(recorded -> recorded.stream().filter(FakeBotConnector::isActivityWrite)
                .filter(match).findFirst(), timeout, "no matching activity sent");
    }

    /** Like {@link #awaitSent} but over every recorded request, member lookups and unknown routes included. */
    public Sent awaitCall(Predicate<Sent> match, Duration timeout) {
        return calls.await(recorded -> recorded.stream().filter(match).findFirst(), timeout, "no matching request");
    }

    /** Waits until at least {@code count} activity writes were recorded; returns them all. */
    public List<Sent> awaitCount(int count) {
        return awaitCount(count, DEFAULT_TIMEOUT);
    }

    public List<Sent> awaitCount(int count, Duration timeout) {
        return calls.await(recorded -> {
            List<Sent> sofar = recorded.stream().filter(FakeBotConnector::isActivityWrite).toList();
            return sofar.size() >= count ? Optional.of(sofar) : Optional.empty();
        }, timeout, "fewer than " + count + " activities sent");
    }

    /** Forgets recorded calls, pending faults and holds; registered members and the id sequence stay. */
    public void clear() {
        calls.locked(() -> {
            calls.clear();
            faults.clear();
            holds.clear();
            return null;
        });
    }

    /**
     * The Microsoft identity platform's base URL as the fake plays it ({@code MICROSOFT_LOGIN_URL}):
     * {@code POST {tenant}/oauth2/v2.0/token} with client credentials answers a bearer token, unless a
     * refusal was queued with {@link #refuseCredentialsNext}.
     */
    public String loginUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + LOGIN_PATH;
    }

    /**
     * The next token request is refused as Entra ID refuses a wrong or expired client secret:
     * 401 {@code invalid_client}, error code AADSTS7000215.
     */
    public FakeBotConnector refuseCredentialsNext() {
        tokenRequests.locked(() -> tokenRefusals.add(7000215));
        return this;
    }

    /** Every token request so far, in order. */
    public List<TokenRequest> tokenRequests() {
        return tokenRequests.all();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
                String rawPath = exchange.getRequestURI().getRawPath();
                byte[] body = exchange.getRequestBody().readAllBytes();
                Route route = Route.of(method, rawPath);
                JsonNode activity = parseBody(body);
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");

                Answer answer = recordAndAnswer(method, rawPath, route, activity, authorization);
                if (answer.gate() != null && !answer.gate().await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held " + route.op() + " call was never released");
                }
                if (answer.retryAfterSeconds() > 0) {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(answer.retryAfterSeconds()));
                }
                respond(exchange, answer.status(), answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 500, error("ServiceError", "fake Bot Connector interrupted"));
            } catch (RuntimeException e) {
                // Without this the JDK server drops the connection and the client sees only an IOException.
                respond(exchange, 500, error("ServiceError", "fake Bot Connector bug: " + e));
            }
        }
    }

    /** Takes a matching fault, builds the answer and records the call, all under the lock so ids follow order. */
    private Answer recordAndAnswer(String method, String rawPath, Route route, JsonNode activity, String auth) {
        return calls.locked(() -> {
            Fault fault = takeFault(route.op());
            int status;
            JsonNode body;
            String resourceId = null;
            if (fault != null) {
                status = fault.status();
                body = error(fault.code(), fault.message());
            } else {
                switch (route.op()) {
                    case SEND, REPLY -> {
                        if (!activity.isObject()) {
                            status = 400;
                            body = error("BadSyntax", "The request body is not an activity.");
                        } else {
                            resourceId = String.valueOf(nextActivityId.getAndIncrement());
                            status = CREATED;
                            body = JSON.createObjectNode().put("id", resourceId);
                        }
                    }
                    case UPDATE -> {
                        if (!activity.isObject()) {
                            status = 400;
                            body = error("BadSyntax", "The request body is not an activity.");
                        } else {
                            resourceId = route.activityId();
                            status = 200;
                            body = JSON.createObjectNode().put("id", resourceId);
                        }
                    }
                    case GET_MEMBER -> {
                        Member member = findMember(route.memberId());
                        if (member == null) {
                            status = 404;
                            body = error("MemberNotFoundInConversation", "Member not found in conversation.");
                        } else {
                            status = 200;
                            body = memberJson(member);
                        }
                    }
                    case LIST_MEMBERS -> {
                        ArrayNode list = JSON.createArrayNode();
                        members.values().forEach(member -> list.add(memberJson(member)));
                        status = 200;
                        body = rawPath.endsWith("/pagedmembers")
                                ? JSON.createObjectNode().set("members", list)
                                : list;
                    }
                    default -> {
                        status = 404;
                        body = error("NotFound", "FakeBotConnector does not serve " + method + " " + rawPath);
                    }
                }
            }
            Sent sent = new Sent(route.op(), method, rawPath, status, route.conversationId(),
                    route.op() == Op.REPLY ? route.activityId() : null,
                    route.op() == Op.UPDATE ? route.activityId() : null,
                    route.memberId(), activity, auth, resourceId);
            calls.record(sent);
            return new Answer(status, body, fault == null ? 0 : fault.retryAfterSeconds(), takeHold(route.op()));
        });
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String tenant = exchange.getRequestURI().getPath().substring(LOGIN_PATH.length()).split("/", 2)[0];
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            Integer refusal = tokenRequests.locked(() -> {
                tokenRequests.record(new TokenRequest(tenant, form));
                return tokenRefusals.isEmpty() ? null : tokenRefusals.remove(0);
            });
            ObjectNode answer = JSON.createObjectNode();
            if (refusal != null) {
                answer.put("error", "invalid_client")
                        .put("error_description", "AADSTS" + refusal + ": Invalid client secret provided. Ensure the secret being sent "
                                + "in the request is the client secret value, not the client secret ID, for a secret added to app '"
                                + form.get("client_id") + "'.");
                answer.putArray("error_codes").add(refusal);
                respond(exchange, 401, answer);
            } else {
                answer.put("token_type", "Bearer").put("expires_in", 3599).put("ext_expires_in", 3599)
                        .put("access_token", "fake-bot-framework-token");
                respond(exchange, 200, answer);
            }
        }
    }

    private Fault takeFault(Op op) {
        for (Iterator<PendingFault> it = faults.iterator(); it.hasNext(); ) {
            PendingFault pending = it.next();
            if (pending.ops().contains(op)) {
                it.remove();
                return pending.fault();
            }
        }
        return null;
    }

    private CountDownLatch takeHold(Op op) {
        for (Iterator<PendingHold> it = holds.iterator(); it.hasNext(); ) {
            PendingHold pending = it.next();
            if (pending.ops().contains(op)) {
                it.remove();
                return pending.gate();
            }
        }
        return null;
    }

    private Member findMember(String id) {
        if (id == null) {
            return null;
        }
        Member byTeamsId = members.get(id);
        if (byTeamsId != null) {
            return byTeamsId;
        }
        return members.values().stream()
                .filter(member -> id.equalsIgnoreCase(member.aadObjectId()))
                .findFirst().orElse(null);
    }

    private ObjectNode memberJson(Member member) {
        String[] names = member.name().trim().split("\\s+", 2);
        String email = member.name().trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".")
                .replaceAll("^\\.|\\.$", "") + "@holdfast.test";
        ObjectNode json = JSON.createObjectNode();
        json.put("id", member.teamsUserId());
        json.put("name", member.name());
        json.put("aadObjectId", member.aadObjectId());
        json.put("givenName", names[0]);
        json.put("surname", names.length > 1 ? names[1] : "");
        json.put("email", email);
        json.put("userPrincipalName", email);
        json.put("tenantId", tenantId);
        json.put("userRole", "user");
        return json;
    }

    private FakeBotConnector addFault(Fault fault, int times, Op... ops) {
        Set<Op> matching = ops.length == 0 ? ACTIVITY_WRITES : EnumSet.copyOf(Arrays.asList(ops));
        calls.locked(() -> {
            for (int i = 0; i < times; i++) {
                faults.add(new PendingFault(matching, fault));
            }
            return null;
        });
        return this;
    }

    private static boolean isActivityWrite(Sent call) {
        return ACTIVITY_WRITES.contains(call.op());
    }

    private static JsonNode parseBody(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.putObject("error").put("code", code).put("message", message);
        return json;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Decodes %XX escapes in one path segment; unlike URLDecoder it leaves '+' alone, as paths require. */
    static String decodeSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder decoded = new StringBuilder(segment.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                escaped.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                decoded.append(escaped.toString(StandardCharsets.UTF_8)).append(c);
                escaped.reset();
            }
        }
        return decoded.append(escaped.toString(StandardCharsets.UTF_8)).toString();
    }

    private record Route(Op op, String conversationId, String activityId, String memberId) {

        static Route of(String method, String rawPath) {
            String[] parts = rawPath.split("/", -1);
            // "", "v3", "conversations", "{conversationId}", ...
            if (parts.length < 4 || !parts[0].isEmpty() || !"v3".equals(parts[1])
                    || !"conversations".equals(parts[2]) || parts[3].isEmpty()) {
                return new Route(Op.OTHER, null, null, null);
            }
            String conversationId = decodeSegment(parts[3]);
            List<String> rest = Arrays.stream(parts, 4, parts.length).map(FakeBotConnector::decodeSegment).toList();
            if (rest.size() == 1 && "activities".equals(rest.get(0)) && "POST".equals(method)) {
                return new Route(Op.SEND, conversationId, null, null);
            }
            if (rest.size() == 2 && "activities".equals(rest.get(0)) && !rest.get(1).isEmpty()
                    && !"history".equals(rest.get(1))) {
                if ("POST".equals(method)) {
                    return new Route(Op.REPLY, conversationId, rest.get(1), null);
                }
                if ("PUT".equals(method)) {
                    return new Route(Op.UPDATE, conversationId, rest.get(1), null);
                }
            }
            if ("GET".equals(method) && rest.size() == 2 && "members".equals(rest.get(0)) && !rest.get(1).isEmpty()) {
                return new Route(Op.GET_MEMBER, conversationId, null, rest.get(1));
            }
            if ("GET".equals(method) && rest.size() == 1
                    && ("members".equals(rest.get(0)) || "pagedmembers".equals(rest.get(0)))) {
                return new Route(Op.LIST_MEMBERS, conversationId, null, null);
            }
            return new Route(Op.OTHER, conversationId, null, null);
        }
    }

    private record Member(String teamsUserId, String aadObjectId, String name) {
    }

    /** A client-credentials token request: the tenant in its path, and its form fields (secret included: it's a test). */
    public record TokenRequest(String tenant, Map<String, String> form) {
    }

    private record Fault(int status, String code, String message, int retryAfterSeconds) {
    }

    private record PendingFault(Set<Op> ops, Fault fault) {
    }

    private record PendingHold(Set<Op> ops, CountDownLatch gate) {
    }

    private record Answer(int status, JsonNode body, int retryAfterSeconds, CountDownLatch gate) {
    }

    /**
     * One request received by the fake.
     *
     * @param op             what the request asked for
     * @param method         HTTP method
     * @param rawPath        the path exactly as it arrived, before percent-decoding
     * @param status         the HTTP status the fake answered (failures injected with the fault methods included)
     * @param conversationId the decoded {conversationId} path segment; {@code null} for unknown routes
     * @param replyToId      for a reply, the decoded {activityId} path segment; otherwise {@code null}
     * @param activityId     for an update, the decoded {activityId} being replaced; otherwise {@code null}
     * @param memberId       for a member lookup, the decoded {memberId}; otherwise {@code null}
     * @param activity       the JSON body (the activity for writes); a {@link MissingNode} when there was none
     * @param authorization  the {@code Authorization} header, {@code null} when absent (as with empty credentials)
     * @param resourceId     the id the fake answered with for a successful write; otherwise {@code null}
     */
    public record Sent(Op op, String method, String rawPath, int status, String conversationId, String replyToId,
            String activityId, String memberId, JsonNode activity, String authorization, String resourceId) {

        static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";
        static final String HERO_CARD = "application/vnd.microsoft.card.hero";
        static final String THUMBNAIL_CARD = "application/vnd.microsoft.card.thumbnail";

        /** A send or a reply. */
        public boolean isPost() {
            return op == Op.SEND || op == Op.REPLY;
        }

        public boolean isReply() {
            return op == Op.REPLY;
        }

        public boolean isUpdate() {
            return op == Op.UPDATE;
        }

        public boolean isMemberLookup() {
            return op == Op.GET_MEMBER;
        }

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        /** The id the posted message has in Teams after this call: the new id for a post, the same id for an update. */
        public String messageId() {
            return resourceId;
        }

        /**
         * Every piece of text a person would read, one per line: the activity's {@code text}, then for each
         * Adaptive Card attachment every TextBlock, every TextRun of a RichTextBlock, each FactSet title and value,
         * input labels, choice titles and toggle titles, and the title of every action (ActionSets and ShowCard
         * cards included), recursing through Containers, ColumnSets, Columns and Tables. Hero and thumbnail cards
         * contribute title, subtitle, text and button titles. Meant for {@code contains} assertions.
         */
        public String text() {
            List<String> texts = new ArrayList<>();
            addText(texts, activity.path("text"));
            for (JsonNode attachment : activity.path("attachments")) {
                String contentType = attachment.path("contentType").asText("");
                JsonNode content = attachment.path("content");
                if (ADAPTIVE_CARD.equalsIgnoreCase(contentType)) {
                    cardTexts(content, texts);
                } else if (HERO_CARD.equalsIgnoreCase(contentType) || THUMBNAIL_CARD.equalsIgnoreCase(contentType)) {
                    addText(texts, content.path("title"));
                    addText(texts, content.path("subtitle"));
                    addText(texts, content.path("text"));
                    content.path("buttons").forEach(button -> addText(texts, button.path("title")));
                }
            }
            return String.join("\n", texts);
        }

        /** The content of the first Adaptive Card attachment, or {@code null} when there is none. */
        public JsonNode card() {
            List<JsonNode> cards = cards();
            return cards.isEmpty() ? null : cards.get(0);
        }

        /** The contents of every Adaptive Card attachment, in order. */
        public List<JsonNode> cards() {
            List<JsonNode> cards = new ArrayList<>();
            for (JsonNode attachment : activity.path("attachments")) {
                if (ADAPTIVE_CARD.equalsIgnoreCase(attachment.path("contentType").asText(""))) {
                    cards.add(attachment.path("content"));
                }
            }
            return cards;
        }

        /** Every {@code Action.Submit} anywhere in the cards (ActionSets, ShowCards, selectActions), data included. */
        public List<JsonNode> submitActions() {
            List<JsonNode> found = new ArrayList<>();
            cards().forEach(card -> collectActions(card, "Action.Submit"::equals, found));
            return found;
        }

        /** Every action of any type ({@code Action.*}) anywhere in the cards, in document order. */
        public List<JsonNode> actions() {
            List<JsonNode> found = new ArrayList<>();
            cards().forEach(card -> collectActions(card, type -> type.startsWith("Action."), found));
            return found;
        }

        /**
         * The {@code data} of the {@code Action.Submit} titled {@code title}, as the map a click would send as the
         * activity's {@code value} (before inputs are merged in); pass it to {@link TeamsActivities#cardSubmit}.
         */
        public Map<String, Object> submitData(String title) {
            JsonNode action = submitActions().stream()
                    .filter(candidate -> title.equals(candidate.path("title").asText(null)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Action.Submit titled \"" + title + "\" in " + this
                            + "; titles: " + submitActions().stream().map(a -> a.path("title").asText())
                            .toList()));
            JsonNode data = action.path("data");
            if (!data.isObject()) {
                throw new AssertionError("Action.Submit \"" + title + "\" has no object data: " + action);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.convertValue(data, Map.class);
            return map;
        }

        /** Mention entities: the activity's own and those in each card's {@code msteams.entities}. */
        public List<JsonNode> mentions() {
            List<JsonNode> found = new ArrayList<>();
            addMentions(activity.path("entities"), found);
            cards().forEach(card -> addMentions(card.path("msteams").path("entities"), found));
            return found;
        }

        /** The {@code mentioned.id} of every mention, e.g. {@code 29:1alex}. */
        public List<String> mentionedIds() {
            return mentions().stream().map(mention -> mention.path("mentioned").path("id").asText()).toList();
        }

        @Override
        public String toString() {
            StringBuilder line = new StringBuilder().append(method).append(' ').append(op);
            if (conversationId != null) {
                line.append(" conversation=").append(conversationId);
            }
            if (replyToId != null) {
                line.append(" replyTo=").append(replyToId);
            }
            if (activityId != null) {
                line.append(" activity=").append(activityId);
            }
            if (memberId != null) {
                line.append(" member=").append(memberId);
            }
            line.append(" -> ").append(status);
            if (resourceId != null) {
                line.append(" id=").append(resourceId);
            }
            if (op == Op.OTHER) {
                line.append(" path=").append(rawPath);
            }
            String text = activity.isObject() ? text() : "";
            if (!text.isEmpty()) {
                String flat = text.replace('\n', '|');
                line.append(" text=\"").append(flat.length() > 160 ? flat.substring(0, 160) + "..." : flat)
                        .append('"');
            }
            return line.toString();
        }

        private static void addMentions(JsonNode entities, List<JsonNode> found) {
            for (JsonNode entity : entities) {
                if ("mention".equalsIgnoreCase(entity.path("type").asText(""))) {
                    found.add(entity);
                }
            }
        }

        private static void addText(List<String> texts, JsonNode node) {
            if (node.isTextual() && !node.asText().isEmpty()) {
                texts.add(node.asText());
            }
        }

        private static void cardTexts(JsonNode card, List<String> texts) {
            elementTexts(card.path("body"), texts);
            actionTexts(card.path("actions"), texts);
        }

        private static void elementTexts(JsonNode elements, List<String> texts) {
            for (JsonNode element : elements) {
                String type = element.path("type").asText("");
                switch (type) {
                    case "TextBlock" -> addText(texts, element.path("text"));
                    case "RichTextBlock" -> {
                        for (JsonNode inline : element.path("inlines")) {
                            // An inline is a TextRun, or a bare string standing for one.
                            addText(texts, inline.isTextual() ? inline : inline.path("text"));
                        }
                    }
                    case "FactSet" -> {
                        for (JsonNode fact : element.path("facts")) {
                            addText(texts, fact.path("title"));
                            addText(texts, fact.path("value"));
                        }
                    }
                    case "ActionSet" -> actionTexts(element.path("actions"), texts);
                    case "ColumnSet" -> {
                        for (JsonNode column : element.path("columns")) {
                            elementTexts(column.path("items"), texts);
                        }
                    }
                    case "Table" -> {
                        for (JsonNode row : element.path("rows")) {
                            for (JsonNode cell : row.path("cells")) {
                                elementTexts(cell.path("items"), texts);
                            }
                        }
                    }
                    case "Input.ChoiceSet" -> {
                        addText(texts, element.path("label"));
                        element.path("choices").forEach(choice -> addText(texts, choice.path("title")));
                    }
                    case "Input.Toggle" -> {
                        addText(texts, element.path("label"));
                        addText(texts, element.path("title"));
                    }
                    default -> {
                        if (type.startsWith("Input.")) {
                            addText(texts, element.path("label"));
                        }
                        // Container, Column, and anything else that nests items.
                        elementTexts(element.path("items"), texts);
                    }
                }
            }
        }

        private static void actionTexts(JsonNode actions, List<String> texts) {
            for (JsonNode action : actions) {
                addText(texts, action.path("title"));
                if ("Action.ShowCard".equals(action.path("type").asText())) {
                    cardTexts(action.path("card"), texts);
                }
            }
        }

        private static void collectActions(JsonNode node, Predicate<String> typeMatches, List<JsonNode> found) {
            if (node.isObject()) {
                String type = node.path("type").asText("");
                if (typeMatches.test(type)) {
                    found.add(node);
                }
                // "data" holds the bot's own payload, never card structure.
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!"data".equals(field.getKey())) {
                        collectActions(field.getValue(), typeMatches, found);
                    }
                }
            } else if (node.isArray()) {
                node.forEach(child -> collectActions(child, typeMatches, found));
            }
        }
    }
}
