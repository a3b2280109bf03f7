package io.holdfast.teams;

import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.BotCallbackHandler;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.CredentialProvider;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import io.holdfast.config.Config;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.Response;

/**
 * The Bot Framework SDK's adapter with the bot's identity: it checks each inbound activity's JWT and
 * sends through the Bot Connector. Built by hand (no Spring, no properties file). The SDK is retired,
 * so nothing outside {@code teams/} sees its types.
 */
final class TeamsAdapter {
    /** The outbox already retries with backoff and Retry-After; the SDK's own immediate retries would post twice. */
    private static final RetryStrategy NO_RETRIES = new RetryStrategy("holdfast-outbox-retries", false) {
        @Override
        public boolean shouldRetry(int retryCount, Response response) {
            return false;
        }
    };

    private final BotFrameworkAdapter adapter;
    private final CredentialProvider credentials;
    private final AuthenticationConfiguration authentication = new AuthenticationConfiguration();
    private final TeamsAdmission admission;
    private final String appId;

    private TeamsAdapter(BotFrameworkAdapter adapter, CredentialProvider credentials, TeamsAdmission admission, String appId) {
        this.adapter = adapter;
        this.credentials = credentials;
        this.admission = admission;
        this.appId = appId;
    }

    /**
     * The adapter for the configured bot. A single-tenant bot (Azure no longer registers new multi-tenant
     * ones) must get its tokens from its own tenant, so it is built from {@link MicrosoftAppCredentials}
     * with that tenant. Without an app id (insecure dev mode only) authentication is off altogether.
     *
     * @param postsInFlight how many posts may be under way at once; each connector keeps that many connections
     */
    static TeamsAdapter create(Config config, int postsInFlight) {
        TeamsAdmission admission = new TeamsAdmission(config.microsoftAppTenantId(), config.teamsInsecure());
        if (config.microsoftAppId().isEmpty()) {
            SimpleCredentialProvider none = new SimpleCredentialProvider("", "");
            return new TeamsAdapter(new NoRetryAdapter(none, postsInFlight), none, admission, "");
        }
        String id = config.microsoftAppId().get();
        String password = config.microsoftAppPassword().orElseThrow();
        SimpleCredentialProvider provider = new SimpleCredentialProvider(id, password);
        BotFrameworkAdapter adapter = config.microsoftAppTenantId()
                .<BotFrameworkAdapter>map(tenant -> new NoRetryAdapter(new MicrosoftAppCredentials(id, password, tenant), postsInFlight))
                .orElseGet(() -> new NoRetryAdapter(provider, postsInFlight));
        return new TeamsAdapter(adapter, provider, admission, id);
    }

    /** Whether inbound traffic must carry a Bot Framework JWT (always, unless running without an app id). */
    boolean requiresAuthentication() {
        return !appId.isEmpty();
    }

    /** Whether the Authorization header can be a bearer token at all, checked before the body is read. */
    boolean looksLikeToken(String authorization) {
        return !requiresAuthentication() || authorization != null && JwtTokenValidation.isValidTokenFormat(authorization);
    }

    /**
     * The SDK's JWT validation of one activity, then Holdfast's own admission rules; throws when the
     * activity is not Teams traffic for this bot.
     */
    ClaimsIdentity authenticate(Activity activity, String authorization) {
        ClaimsIdentity identity = JwtTokenValidation.authenticateRequest(activity, authorization, credentials, null, authentication).join();
        if (identity == null || (requiresAuthentication() && !identity.isAuthenticated())) {
            throw new IllegalStateException("no Bot Framework identity");
        }
        Optional<String> refusal = admission.refusal(activity, identity.claims() == null ? Map.of() : identity.claims());
        if (refusal.isPresent()) {
            throw new IllegalStateException(refusal.get());
        }
        return identity;
    }

    /** Runs an authenticated activity through the bot; the answer matters for invoke activities only. */
    CompletableFuture<InvokeResponse> process(ClaimsIdentity identity, Activity activity, Bot bot) {
        return adapter.processActivity(identity, activity, bot::onTurn);
    }

    /** Opens a turn in a stored conversation, for posts Holdfast makes on its own. */
    CompletableFuture<Void> continueConversation(ConversationReference reference, BotCallbackHandler work) {
        return adapter.continueConversation(appId, reference, work);
    }

    /**
     * The SDK's adapter with connector clients that never retry on their own: the SDK hands its retry
     * setting to a field nothing reads, while the REST client's default handler resends 408 and 5xx
     * at once, which could post a card twice behind the outbox's back. The client sends through OkHttp's
     * dispatcher, which lets five requests go to one host at a time (and every Teams conversation of a
     * region is on one host) and keeps five idle connections: delivery's posts to other channels queued
     * behind those five, so both are raised to the posts delivery has in flight.
     */
    private static final class NoRetryAdapter extends BotFrameworkAdapter {
        private final Map<String, ConnectorClient> clients = new ConcurrentHashMap<>();
        private final int connectionsKept;

        NoRetryAdapter(CredentialProvider credentials, int connectionsKept) {
            super(credentials, new AuthenticationConfiguration(), null, NO_RETRIES, null);
            this.connectionsKept = connectionsKept;
        }

        NoRetryAdapter(AppCredentials credentials, int connectionsKept) {
            super(credentials, new AuthenticationConfiguration(), null, NO_RETRIES, null);
            this.connectionsKept = connectionsKept;
        }

        @Override
        protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(String serviceUrl, AppCredentials usingCredentials) {
            AppCredentials credentials = usingCredentials != null ? usingCredentials : MicrosoftAppCredentials.empty();
            String key = keyForConnectorClient(serviceUrl, credentials.getAppId(), credentials.oAuthScope());
            return CompletableFuture.completedFuture(clients.computeIfAbsent(key, k -> new RestConnectorClient(
                    RestConnectorClient.getDefaultRestClientBuilder(serviceUrl, credentials)
                            .withRetryStrategy(NO_RETRIES)
                            .withReadTimeout(30, TimeUnit.SECONDS)
                            .withConnectionTimeout(10, TimeUnit.SECONDS)
                            .withDispatcher(dispatcher())
                            .withMaxIdleConnections(connectionsKept)
                            .build())));
        }

        private Dispatcher dispatcher() {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequestsPerHost(connectionsKept);
            return dispatcher;
        }
    }
}
