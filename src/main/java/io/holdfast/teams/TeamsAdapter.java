package io.holdfast.teams;

import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.BotCallbackHandler;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.CredentialProvider;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import io.holdfast.config.Config;
import java.util.concurrent.CompletableFuture;
import okhttp3.Response;

/**
 * The Bot Framework SDK's adapter with the bot's identity: it checks each inbound activity's JWT and
 * sends through the Bot Connector. Built by hand (no Spring, no properties file). The SDK is retired,
 * so nothing outside {@code teams/} sees its types.
 */
final class TeamsAdapter {
    private final BotFrameworkAdapter adapter;
    private final CredentialProvider credentials;
    private final AuthenticationConfiguration authentication = new AuthenticationConfiguration();
    private final String appId;

    private TeamsAdapter(BotFrameworkAdapter adapter, CredentialProvider credentials, String appId) {
        this.adapter = adapter;
        this.credentials = credentials;
        this.appId = appId;
    }

    /**
     * The adapter for the configured bot. A single-tenant bot (Azure no longer registers new multi-tenant
     * ones) must get its tokens from its own tenant, so it is built from {@link MicrosoftAppCredentials}
     * with that tenant. Without an app id (insecure dev mode only) authentication is off altogether.
     */
    static TeamsAdapter create(Config config) {
        if (config.microsoftAppId().isEmpty()) {
            SimpleCredentialProvider none = new SimpleCredentialProvider("", "");
            return new TeamsAdapter(new BotFrameworkAdapter(none, new AuthenticationConfiguration(), null, NO_RETRIES, null), none, "");
        }
        String id = config.microsoftAppId().get();
        String password = config.microsoftAppPassword().orElseThrow();
        SimpleCredentialProvider provider = new SimpleCredentialProvider(id, password);
        BotFrameworkAdapter adapter = config.microsoftAppTenantId()
                .map(tenant -> new BotFrameworkAdapter(new MicrosoftAppCredentials(id, password, tenant), new AuthenticationConfiguration(),
                        null, NO_RETRIES, null))
                .orElseGet(() -> new BotFrameworkAdapter(provider, new AuthenticationConfiguration(), null, NO_RETRIES, null));
        return new TeamsAdapter(adapter, provider, id);
    }

    /** Whether inbound traffic must carry a Bot Framework JWT (always, unless running without an app id). */
    boolean requiresAuthentication() {
        return !appId.isEmpty();
    }

    /** The SDK's JWT validation of one activity; completes exceptionally (or throws) when it is not from the Bot Connector. */
    ClaimsIdentity authenticate(Activity activity, String authorization) {
        ClaimsIdentity identity = JwtTokenValidation.authenticateRequest(activity, authorization, credentials, null, authentication).join();
        if (identity == null || !identity.isAuthenticated() && requiresAuthentication()) {
            throw new IllegalStateException("no Bot Framework identity");
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

    /** The outbox already retries with backoff and Retry-After, so the SDK's own silent retries are turned off. */
    private static final RetryStrategy NO_RETRIES = new RetryStrategy("holdfast-outbox-retries", false) {
        @Override
        public boolean shouldRetry(int retryCount, Response response) {
            return false;
        }
    };
}
