package io.holdfast.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Holdfast reads from its environment, read once at start-up and validated so that a
 * misconfigured install stops with one line naming the variable instead of failing later.
 */
public record Config(
        int port,
        String dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        int dbPoolSize,
        Optional<String> slackSigningSecret,
        Optional<String> slackBotToken,
        Optional<String> slackAppToken,
        Optional<String> slackClientId,
        Optional<String> slackClientSecret,
        URI slackApiUrl,
        Optional<String> microsoftAppId,
        Optional<String> microsoftAppPassword,
        Optional<String> microsoftAppTenantId,
        boolean teamsInsecureDev,
        String slackScopes,
        Optional<URI> slackRedirectUri,
        Optional<String> encryptionKey,
        URI microsoftLoginUrl) {

    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    /** The Microsoft identity platform, where the Teams bot's credentials are exchanged for Bot Framework tokens. */
    public static final String DEFAULT_MICROSOFT_LOGIN_URL = "https://login.microsoftonline.com/";
    /** The bot scopes of manifests/slack/manifest.yaml, asked for by an OAuth install unless SLACK_SCOPES says otherwise. */
    public static final String DEFAULT_SLACK_SCOPES = "commands,chat:write,chat:write.public,users:read,usergroups:read";
    /** The clustered scheduler holds up to four connections of the pool at once (two jobs, misfires, check-ins). */
    static final int MIN_POOL_SIZE = 6;

    public static Config fromEnvironment(Map<String, String> env) {
        Env e = new Env(env);
        Config config = new Config(
                e.port("HOLDFAST_PORT", 3000),
                e.dbUrl("HOLDFAST_DB_URL", "jdbc:sqlite:holdfast.db"),
                e.optional("HOLDFAST_DB_USER"),
                e.optional("HOLDFAST_DB_PASSWORD"),
                e.intInRange("HOLDFAST_DB_POOL_SIZE", 10, MIN_POOL_SIZE, 200),
                e.optional("SLACK_SIGNING_SECRET"),
                e.prefixed("SLACK_BOT_TOKEN", "xoxb-"),
                e.appToken("SLACK_APP_TOKEN"),
                e.optional("SLACK_CLIENT_ID"),
                e.optional("SLACK_CLIENT_SECRET"),
                e.httpUrl("SLACK_API_URL", DEFAULT_SLACK_API_URL),
                e.optional("MICROSOFT_APP_ID"),
                e.optional("MICROSOFT_APP_PASSWORD"),
                e.optional("MICROSOFT_APP_TENANT_ID"),
                e.bool("HOLDFAST_TEAMS_INSECURE_DEV", false),
                e.optional("SLACK_SCOPES").orElse(DEFAULT_SLACK_SCOPES),
                e.optionalHttpUrl("SLACK_REDIRECT_URI", "https://holdfast.example.com/slack/oauth_redirect"),
                e.base64Key("HOLDFAST_ENCRYPTION_KEY", 32),
                e.httpUrl("MICROSOFT_LOGIN_URL", DEFAULT_MICROSOFT_LOGIN_URL));
        config.checkCombinations();
        return config;
    }

    private void checkCombinations() {
        boolean wantsSlack = slackBotToken.isPresent() || slackClientId.isPresent();
        if (wantsSlack && slackSigningSecret.isEmpty() && slackAppToken.isEmpty()) {
            throw new ConfigException("SLACK_SIGNING_SECRET", "is required when SLACK_BOT_TOKEN or SLACK_CLIENT_ID is set (Slack app > Basic Information > Signing Secret)");
        }
        if (slackAppToken.isPresent() && slackBotToken.isEmpty()) {
            throw new ConfigException("SLACK_BOT_TOKEN", "is required when SLACK_APP_TOKEN is set: Socket Mode brings events in, the bot token (xoxb-...) posts the answers");
        }
        if (slackClientId.isPresent() != slackClientSecret.isPresent()) {
            throw new ConfigException(slackClientId.isPresent() ? "SLACK_CLIENT_SECRET" : "SLACK_CLIENT_ID",
                    "must be set together with " + (slackClientId.isPresent() ? "SLACK_CLIENT_ID" : "SLACK_CLIENT_SECRET"));
        }
        if (slackAppToken.isPresent() && slackClientId.isPresent()) {
            throw new ConfigException("SLACK_APP_TOKEN", "can't be combined with SLACK_CLIENT_ID: Socket Mode is for developing against one "
                    + "workspace (with SLACK_BOT_TOKEN), an OAuth install serves many over HTTP; unset one of them");
        }
        if (slackClientId.isPresent() && encryptionKey.isEmpty()) {
            throw new ConfigException("HOLDFAST_ENCRYPTION_KEY", "is required when SLACK_CLIENT_ID is set, to encrypt each workspace's bot token: "
                    + "base64 of 32 random bytes, e.g. HOLDFAST_ENCRYPTION_KEY=$(openssl rand -base64 32)");
        }
        if (microsoftAppId.isPresent() && microsoftAppPassword.isEmpty()) {
            throw new ConfigException("MICROSOFT_APP_PASSWORD", "is required when MICROSOFT_APP_ID is set");
        }
    }

    /** PostgreSQL is the scale-out engine: several replicas share it, and Quartz runs clustered on it. */
    public boolean isPostgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }

    /** The file of a SQLite database; empty on PostgreSQL and for in-memory or {@code file:} URIs. */
    public Optional<Path> sqliteFile() {
        if (!dbUrl.startsWith("jdbc:sqlite:")) {
            return Optional.empty();
        }
        String path = dbUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        return path.isEmpty() || path.startsWith(":") || path.startsWith("file:") ? Optional.empty() : Optional.of(Path.of(path));
    }

    public boolean slackEnabled() {
        return (slackSigningSecret.isPresent() && (slackBotToken.isPresent() || slackOAuth()))
                || (slackAppToken.isPresent() && slackBotToken.isPresent());
    }

    /**
     * Slack traffic comes over a Socket Mode WebSocket that Holdfast opens with the app-level token,
     * instead of to a public URL. Slack authenticates that connection by the token, so no request is
     * signed and the signing secret is not needed. Meant for development behind a firewall.
     */
    public boolean slackSocketMode() {
        return slackEnabled() && slackAppToken.isPresent();
    }

    /**
     * Any workspace may install Holdfast (Add to Slack) and each is answered with its own token. It wins
     * over {@code SLACK_BOT_TOKEN}, which is then ignored (start-up says so).
     */
    public boolean slackOAuth() {
        return slackSigningSecret.isPresent() && slackClientId.isPresent() && slackClientSecret.isPresent();
    }

    /** Why Slack is off, for the start-up log; empty when it is on. */
    public Optional<String> slackOffReason() {
        if (slackEnabled()) {
            return Optional.empty();
        }
        if (slackSigningSecret.isPresent()) {
            return Optional.of("SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET) is not set");
        }
        return Optional.of("SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET) are not set");
    }

    /** Teams is served with a bot identity, or without one only when insecure dev mode is asked for. */
    public boolean teamsEnabled() {
        return microsoftAppId.isPresent() || teamsInsecureDev;
    }

    /** Unauthenticated Bot Framework traffic is accepted: only with no app id and the dev flag set. */
    public boolean teamsInsecure() {
        return microsoftAppId.isEmpty() && teamsInsecureDev;
    }

    /** Why Teams is off, for the start-up log; empty when it is on. */
    public Optional<String> teamsOffReason() {
        return teamsEnabled() ? Optional.empty()
                : Optional.of("MICROSOFT_APP_ID is not set (or set HOLDFAST_TEAMS_INSECURE_DEV=true for the Bot Framework Emulator)");
    }

    @Override
    public String toString() {
        // Secrets must never reach a log line, so the record's generated toString is replaced.
        return "Config[port=" + port + ", db=" + redactedDbUrl() + (isPostgres() ? ", pool=" + dbPoolSize : "") + ", slack="
                + (slackSocketMode() ? "socket-mode" : slackOAuth() ? "oauth" : slackEnabled() ? "on" : "off")
                + ", slackApiUrl=" + slackApiUrl
                + ", teams=" + (teamsInsecure() ? "insecure-dev" : teamsEnabled() ? "on" : "off") + "]";
    }

    public String redactedDbUrl() {
        int query = dbUrl.indexOf('?');
        return query < 0 ? dbUrl : dbUrl.substring(0, query) + "?…";
    }
}
