package io.holdfast.slack;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import io.holdfast.core.Tenant;
import io.holdfast.store.TokenCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's {@link InstallationService} on our own store (Bolt ships only file and S3 ones), and the
 * {@link SlackTokens} every Web API call in OAuth mode takes its token from. Bolt looks the install up on
 * every request, so decrypted installs are kept in memory for a short while: a command's acknowledgement
 * costs no database read while its workspace's entry is fresh, and at most one indexed read otherwise.
 * An entry is dropped here as soon as this replica saves or revokes that install, or Slack refuses its
 * token; other replicas see the change when their entry expires, or when Slack refuses the old token.
 */
public final class SlackInstallations implements InstallationService, SlackTokens {
    private static final Logger log = LoggerFactory.getLogger(SlackInstallations.class);
    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private final SlackInstallationStore store;
    private final TokenCipher cipher;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /**
     * Bumped each time a workspace's install changes here, so a lookup that read the old row just before
     * the change does not put it back into the cache just after.
     */
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    /** A usable install as Bolt and the Web API calls need it, with the token decrypted. */
    private record Installed(String teamId, String enterpriseId, String appId, String botId, String botUserId, String botScopes, String botToken,
                             long installedAt) {}

    private record Cached(Installed installed, long loadedAt) {}

    public SlackInstallations(SlackInstallationStore store, TokenCipher cipher, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Optional<String> botToken(String teamId) {
        return installed(teamId).map(Installed::botToken);
    }

    /** Workspaces that can be posted to, for {@code /readyz}. */
    public long installedCount() {
        return store.installedCount();
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    /**
     * Bolt's interface lets an app keep every past install; the store keeps one row per workspace, so
     * asking for history is refused loudly rather than silently ignored.
     */
    @Override
    public void setHistoricalDataEnabled(boolean isHistoricalDataEnabled) {
        if (isHistoricalDataEnabled) {
            throw new UnsupportedOperationException("Holdfast keeps only the current install of each workspace");
        }
    }

    /**
     * Saves a completed OAuth install and creates or resumes the workspace's tenant. An org-wide
     * (Enterprise Grid) install is refused: Holdfast's tenants are workspaces, so each one installs it.
     */
    @Override
    public void saveInstallerAndBot(Installer installer) {
        if (Boolean.TRUE.equals(installer.getIsEnterpriseInstall()) || installer.getTeamId() == null) {
            throw new OrgWideInstallException();
        }
        Tenant tenant = store.save(new SlackInstallationStore.NewInstall(installer.getTeamId(), installer.getEnterpriseId(), teamName(installer),
                installer.getAppId(), installer.getBotId(), installer.getBotUserId(), cipher.encrypt(installer.getBotAccessToken(), installer.getTeamId()),
                installer.getBotScope(), installer.getInstallerUserId()));
        forget(installer.getTeamId());
        log.info("Holdfast installed in Slack workspace {} (tenant {}) by {}", installer.getTeamId(), tenant.id(), installer.getInstallerUserId());
    }

    /** Bolt's own revocation handlers call this; {@link SlackRevocations} replaces them, with the event's time. */
    @Override
    public void deleteBot(Bot bot) {
        revoke(bot.getTeamId(), "tokens_revoked", clock.instant());
    }

    /** Holdfast asks for no user tokens, so there is none to delete. */
    @Override
    public void deleteInstaller(Installer installer) {
        log.debug("no user token is kept for {}", installer.getInstallerUserId());
    }

    /** Bolt's own {@code app_uninstalled} handler calls this; {@link SlackRevocations} replaces it, with the event's time. */
    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        revoke(teamId, "app_uninstalled", clock.instant());
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return installed(teamId).map(SlackInstallations::bot).orElse(null);
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return null;
    }

    @Override
    public String getInstallationGuideText(String enterpriseId, String teamId, String userId) {
        return "Holdfast is not installed in this workspace (it was removed, or its access was revoked). "
                + "Ask a workspace admin to add it again from Holdfast's Add to Slack page: everything it knew is still there.";
    }

    /**
     * {@code app_uninstalled} or {@code tokens_revoked} ({@code reason}) that happened at {@code happened}:
     * an install made no later than that loses its token and its tenant pauses, keeping its data until
     * {@code holdfast tenant purge}; a newer install stands. Returns whether a token was dropped.
     */
    boolean revoke(String teamId, String reason, Instant happened) {
        boolean dropped = store.revoke(teamId, reason, happened);
        forget(teamId);
        if (dropped) {
            log.info("Slack workspace {}: {}; its bot token was deleted, its tenant is paused and its data kept until `holdfast tenant purge`",
                    teamId, reason);
        } else {
            log.info("Slack workspace {}: {} at {} changed nothing: no install of it that old has a token", teamId, reason, happened);
        }
        return dropped;
    }

    /** Slack refused the token this replica used: the install changed (a reinstall elsewhere, or an uninstall on its way). */
    @Override
    public void invalidate(String teamId) {
        if (teamId != null) {
            forget(teamId);
        }
    }

    /** The generation moves before the entry goes, so a lookup that started earlier finds it moved and keeps its result to itself. */
    private void forget(String teamId) {
        generation(teamId).incrementAndGet();
        cache.remove(teamId);
    }

    private AtomicLong generation(String teamId) {
        return generations.computeIfAbsent(teamId, t -> new AtomicLong());
    }

    private Optional<Installed> installed(String teamId) {
        if (teamId == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Cached cached = cache.get(teamId);
        if (cached != null && now - cached.loadedAt() < FRESH_FOR.toMillis()) {
            return Optional.of(cached.installed());
        }
        AtomicLong generation = generation(teamId);
        long seen = generation.get();
        Optional<Installed> loaded = load(teamId);
        // Only a usable install is kept: a workspace that installs on another replica is served here at once.
        cache.compute(teamId, (team, current) -> generation.get() != seen ? current : loaded.map(i -> new Cached(i, now)).orElse(null));
        return loaded;
    }

    private Optional<Installed> load(String teamId) {
        Optional<SlackInstallationStore.Installation> row = store.find(teamId);
        if (row.isEmpty() || row.get().encryptedBotToken().isEmpty()) {
            return Optional.empty();
        }
        SlackInstallationStore.Installation i = row.get();
        try {
            return Optional.of(new Installed(i.teamId(), i.enterpriseId(), i.appId(), i.botId(), i.botUserId(), i.botScopes(),
                    cipher.decrypt(i.encryptedBotToken().get(), i.teamId()), i.installedAt().toEpochMilli()));
        } catch (TokenCipher.UnreadableException e) {
            log.error("The bot token of Slack workspace {} can't be read with HOLDFAST_ENCRYPTION_KEY ({}); was the key changed? "
                    + "Restore the key, or have the workspace install Holdfast again.", teamId, e.getMessage());
            return Optional.empty();
        }
    }

    private static Bot bot(Installed i) {
        DefaultBot bot = new DefaultBot();
        bot.setTeamId(i.teamId());
        bot.setEnterpriseId(i.enterpriseId());
        bot.setIsEnterpriseInstall(false);
        bot.setAppId(i.appId());
        bot.setBotId(i.botId());
        bot.setBotUserId(i.botUserId());
        bot.setBotScope(i.botScopes());
        bot.setBotAccessToken(i.botToken());
        bot.setInstalledAt(i.installedAt());
        return bot;
    }

    private static String teamName(Installer installer) {
        return installer instanceof DefaultInstaller d ? d.getTeamName() : null;
    }

    /** An install for a whole Enterprise Grid organisation, which Holdfast does not take. */
    public static final class OrgWideInstallException extends RuntimeException {
        OrgWideInstallException() {
            super("org_wide_install");
        }
    }
}
