package io.holdfast;

import com.slack.api.Slack;
import io.holdfast.account.AccountStore;
import io.holdfast.account.AccountTimeline;
import io.holdfast.config.Config;
import io.holdfast.console.Console;
import io.holdfast.console.ConsoleChat;
import io.holdfast.core.Chat;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Groups;
import io.holdfast.core.People;
import io.holdfast.core.Platform;
import io.holdfast.core.time.DueDateReader;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.digest.DigestActions;
import io.holdfast.digest.DigestMessages;
import io.holdfast.digest.DigestService;
import io.holdfast.digest.Subscription;
import io.holdfast.digest.SubscriptionStore;
import io.holdfast.escalation.EscalationActions;
import io.holdfast.escalation.EscalationCards;
import io.holdfast.escalation.EscalationCommands;
import io.holdfast.escalation.EscalationForms;
import io.holdfast.escalation.EscalationMessages;
import io.holdfast.escalation.EscalationService;
import io.holdfast.escalation.EscalationSettings;
import io.holdfast.escalation.EscalationStore;
import io.holdfast.escalation.LeadDirectory;
import io.holdfast.escalation.SlaCalculator;
import io.holdfast.escalation.SlaWatch;
import io.holdfast.home.HomeMessages;
import io.holdfast.home.HomeService;
import io.holdfast.kudos.KudosCommands;
import io.holdfast.kudos.KudosForms;
import io.holdfast.kudos.KudosMessages;
import io.holdfast.kudos.KudosService;
import io.holdfast.kudos.KudosSettings;
import io.holdfast.kudos.KudosStore;
import io.holdfast.kudos.ShoutOut;
import io.holdfast.promise.DueInput;
import io.holdfast.promise.PromiseActions;
import io.holdfast.promise.PromiseCards;
import io.holdfast.promise.PromiseCommands;
import io.holdfast.promise.PromiseForms;
import io.holdfast.promise.PromiseMessages;
import io.holdfast.promise.PromiseNudges;
import io.holdfast.promise.PromiseService;
import io.holdfast.promise.PromiseStore;
import io.holdfast.risk.RiskRanker;
import io.holdfast.risk.RiskWeightStore;
import io.holdfast.schedule.DeliveryWorker;
import io.holdfast.schedule.Replica;
import io.holdfast.schedule.Schedules;
import io.holdfast.settings.SettingsCommands;
import io.holdfast.slack.OAuthStateStore;
import io.holdfast.slack.SlackApp;
import io.holdfast.slack.SlackAuthProbe;
import io.holdfast.slack.SlackChat;
import io.holdfast.slack.SlackEventLog;
import io.holdfast.slack.SlackEventsServlet;
import io.holdfast.slack.SlackGroups;
import io.holdfast.slack.SlackInstallServlet;
import io.holdfast.slack.SlackInstallationStore;
import io.holdfast.slack.SlackInstallations;
import io.holdfast.slack.SlackPeople;
import io.holdfast.slack.SlackRequestVerifier;
import io.holdfast.slack.SlackSignatureFilter;
import io.holdfast.slack.SlackSocketMode;
import io.holdfast.slack.SlackSocketModeDoor;
import io.holdfast.slack.SlackTokens;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.TenantStore;
import io.holdfast.store.TokenCipher;
import io.holdfast.store.UserStore;
import io.holdfast.teams.Teams;
import io.holdfast.web.Readiness;
import io.holdfast.web.Metrics;
import io.holdfast.web.WebServer;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every part by hand from a {@link Config} and a {@link Clock}, and stops them in order. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /**
     * Round trips to the platform in flight at once, each to its own channel. Slack allows about one
     * post per second per channel, so a morning's digests to hundreds of channels are bound by round
     * trips, not limits; eight keeps well inside Slack's workspace-wide burst allowance.
     */
    private static final int CHANNELS_POSTED_AT_ONCE = 8;
    /** Threads for what a command does after its acknowledgement (a response_url answer, a form opened). */
    private static final int AFTER_ACK_THREADS = 4;
    /** Calls to a platform that may be under way at once: each keeps a connection to reuse. */
    private static final int CALLS_IN_FLIGHT = CHANNELS_POSTED_AT_ONCE + AFTER_ACK_THREADS;

    private final Database db;
    private final Metrics metrics;
    private final DeliveryWorker delivery;
    private final ExecutorService afterAck;
    private final CommandRouter router;
    private final TenantStore tenants;
    private final WebServer web;
    /** Slack's door in Socket Mode (SLACK_APP_TOKEN set); null when Slack comes over HTTP or is off. */
    private final SlackSocketMode socketMode;
    /** Bolt behind either Slack door; null when Slack is off. */
    private final SlackApp slackBolt;
    private final SlaWatch slaWatch;
    private final ShoutOut shoutOut;
    private final PromiseNudges promiseNudges;
    private final DigestService digests;
    private final Schedules schedules;

    private App(Config config, Clock clock, PrintStream consoleOut, boolean serveHttp) throws Exception {
        db = Database.open(config);
        int applied = db.migrate();
        log.info("database {} ready ({} migrations applied now)", config.redactedDbUrl(), applied);
        String replica = Replica.newName();
        HolidayCalendars calendars = new HolidayCalendars();
        tenants = new TenantStore(db, clock, calendars);
        UserStore users = new UserStore(db);
        Outbox outbox = new Outbox(db, clock);
        metrics = new Metrics(db, outbox, clock);
        afterAck = Executors.newFixedThreadPool(AFTER_ACK_THREADS, daemon("holdfast-after-ack"));
        // Doors built before the features still share this router; it is filled in below and read-only afterwards.
        router = new CommandRouter(metrics.commands());

        // Each process delivers only for the doors it has open, so a console beside a server never takes its posts.
        Map<Platform, Chat> chats = new EnumMap<>(Platform.class);
        if (!serveHttp) {
            chats.put(Platform.CONSOLE, new ConsoleChat(consoleOut));
        }
        Map<Platform, People> directories = new EnumMap<>(Platform.class);
        Map<Platform, Groups> groupDirectories = new EnumMap<>(Platform.class);
        Slack slack = null;
        SlackPeople slackPeople = null;
        SlackInstallations slackInstalls = null;
        SlackTokens tokens = null;
        if (serveHttp && config.slackEnabled()) {
            slack = SlackApp.client(config.slackApiUrl().toString(), CALLS_IN_FLIGHT);
            if (config.slackOAuth()) {
                slackInstalls = new SlackInstallations(new SlackInstallationStore(db, tenants, clock),
                        TokenCipher.fromBase64(config.encryptionKey().orElseThrow()), clock);
                tokens = slackInstalls;
                log.info("Slack is on for every workspace that installs Holdfast: Add to Slack at {}", SlackApp.INSTALL_PATH);
                if (config.slackBotToken().isPresent()) {
                    log.warn("SLACK_BOT_TOKEN is ignored: SLACK_CLIENT_ID is set, so each workspace is answered with the token of its own install");
                }
            } else {
                tokens = SlackTokens.single(config.slackBotToken().orElseThrow());
            }
            chats.put(Platform.SLACK, new SlackChat(slack, tokens));
            slackPeople = new SlackPeople(SlackApp.quickClient(config.slackApiUrl().toString()), tokens, users, clock);
            directories.put(Platform.SLACK, slackPeople);
            groupDirectories.put(Platform.SLACK, new SlackGroups(SlackApp.quickClient(config.slackApiUrl().toString()), tokens, clock));
            if (config.slackSocketMode()) {
                log.info("Slack is on over Socket Mode (SLACK_APP_TOKEN): for development, no public URL needed; Slack authenticates the "
                        + "connection by the app-level token, so no SLACK_SIGNING_SECRET is needed and /slack/events is closed");
                if (config.slackSigningSecret().isPresent()) {
                    log.warn("SLACK_SIGNING_SECRET is not used in Socket Mode: nothing comes to /slack/events");
                }
            }
        } else if (serveHttp) {
            log.info("Slack is off: {}", config.slackOffReason().orElseThrow());
        }
        Teams teams = null;
        if (serveHttp && config.teamsEnabled()) {
            teams = Teams.create(config, db, router, tenants, users, clock, CALLS_IN_FLIGHT);
            chats.put(Platform.TEAMS, teams.chat());
            directories.put(Platform.TEAMS, teams.people());
            if (config.teamsInsecure()) {
                log.warn("!!! Teams INSECURE DEV MODE: /api/messages accepts unauthenticated Bot Framework traffic. "
                        + "Use only with the Bot Framework Emulator on your own machine; set MICROSOFT_APP_ID for anything else. !!!");
            } else {
                log.info("Teams is on for bot {}{}", config.microsoftAppId().orElseThrow(),
                        config.microsoftAppTenantId().map(t -> " (single tenant " + t + ")").orElse(""));
                if (config.teamsInsecureDev()) {
                    log.warn("HOLDFAST_TEAMS_INSECURE_DEV is ignored because MICROSOFT_APP_ID is set: every activity is authenticated");
                }
            }
        } else if (serveHttp) {
            log.info("Teams is off: {}", config.teamsOffReason().orElseThrow());
        }
        People people = (tenant, userId, fallback) -> directories.containsKey(tenant.platform())
                ? directories.get(tenant.platform()).zoneOf(tenant, userId, fallback) : fallback;

        PromiseStore promiseStore = new PromiseStore();
        PromiseMessages promiseMessages = new PromiseMessages();
        EscalationStore escalationStore = new EscalationStore();
        delivery = new DeliveryWorker(replica, outbox, tenants, chats, Outbox.Listener.all(List.of(
                new PromiseCards(promiseStore, outbox, promiseMessages, tenants), new EscalationCards(escalationStore))), metrics.deliveries(), clock,
                CHANNELS_POSTED_AT_ONCE);
        DueInput dueInput = new DueInput(new DueDateReader(clock));
        AccountStore accounts = new AccountStore(clock);
        PromiseService promises = new PromiseService(db, promiseStore, accounts, outbox, promiseMessages, people, clock, delivery::wake);
        PromiseForms promiseForms = new PromiseForms(promises, promiseMessages, dueInput, clock);
        PromiseActions promiseActions = new PromiseActions(promises, promiseMessages, promiseForms);
        router.command("promise", new PromiseCommands(promises, promiseMessages, promiseForms, dueInput, clock))
                .action(PromiseMessages.DONE_ACTION, promiseActions::done)
                .action(PromiseMessages.SNOOZE_ACTION, promiseActions::snooze)
                .action(PromiseMessages.UPDATE_ACTION, promiseActions::update)
                .form(PromiseForms.CREATE, promiseForms::submitCreate)
                .form(PromiseForms.SNOOZE, promiseForms::submitSnooze)
                .form(PromiseForms.UPDATE, promiseForms::submitUpdate);
        EscalationSettings escalationSettings = new EscalationSettings(db);
        EscalationMessages escalationMessages = new EscalationMessages();
        Groups groups = (tenant, groupId, userId) -> groupDirectories.containsKey(tenant.platform())
                && groupDirectories.get(tenant.platform()).isMember(tenant, groupId, userId);
        LeadDirectory leads = new LeadDirectory(escalationSettings, groups);
        EscalationService escalations = new EscalationService(db, escalationStore, accounts, escalationSettings, outbox, escalationMessages,
                new SlaCalculator(), leads, clock, delivery::wake);
        EscalationForms escalationForms = new EscalationForms(escalations, escalationMessages);
        EscalationActions escalationActions = new EscalationActions(escalations, escalationForms, escalationMessages);
        router.command("escalate", new EscalationCommands(escalations, escalationMessages, escalationForms))
                .action(EscalationMessages.ACK_ACTION, escalationActions::acknowledge)
                .action(EscalationMessages.ASSIGN_ACTION, escalationActions::assign)
                .action(EscalationMessages.RESOLVE_ACTION, escalationActions::resolve)
                .action(EscalationMessages.REVIEWED_ACTION, escalationActions::reviewed)
                .form(EscalationForms.RAISE, escalationForms::submitRaise)
                .form(EscalationForms.ASSIGN, escalationForms::submitAssign)
                .form(EscalationForms.RESOLVE, escalationForms::submitResolve);
        slaWatch = new SlaWatch(db, escalationStore, escalationSettings, escalations, tenants, outbox, escalationMessages, clock,
                delivery::wake);
        KudosSettings kudosSettings = new KudosSettings(db);
        KudosStore kudosStore = new KudosStore();
        KudosMessages kudosMessages = new KudosMessages();
        KudosService kudos = new KudosService(db, kudosStore, accounts, kudosSettings, leads, outbox, kudosMessages, clock, delivery::wake);
        KudosForms kudosForms = new KudosForms(kudos, kudosMessages);
        router.command("kudos", new KudosCommands(kudos, kudosMessages, clock))
                .action(KudosMessages.VERIFY_ACTION, kudosForms::verifyButton)
                .form(KudosForms.VERIFY, kudosForms::submitVerify);
        shoutOut = new ShoutOut(db, kudosStore, kudosSettings, tenants, outbox, kudosMessages, clock, delivery::wake);
        promiseNudges = new PromiseNudges(db, promiseStore, accounts, leads, tenants, outbox, promiseMessages, clock, delivery::wake);
        SubscriptionStore subscriptions = new SubscriptionStore(db, clock);
        DigestMessages digestMessages = new DigestMessages();
        RiskWeightStore riskWeights = new RiskWeightStore();
        RiskRanker riskRanker = new RiskRanker(db, escalationSettings, riskWeights);
        digests = new DigestService(db, riskRanker, promiseStore, subscriptions, tenants, outbox, digestMessages, clock, delivery::wake);
        DigestActions digestActions = new DigestActions(db, accounts, promiseForms, clock);
        router.action(DigestMessages.NEXT_STEP_ACTION, digestActions::addNextStep)
                .action(DigestMessages.LOG_OUTCOME_ACTION, digestActions::logOutcome)
                .form(DigestActions.OUTCOME_FORM, digestActions::submitOutcome);
        schedules = Schedules.forDatabase(db, replica, serveHttp, Map.of("sla-watch", slaWatch::check, "shout-out", shoutOut::check,
                "promise-nudges", promiseNudges::check, DigestService.JOB, digests::check), metrics.jobs());
        // Each subscription also gets a cron trigger in its own zone; the minute sweep catches up after downtime.
        for (Subscription s : subscriptions.all()) {
            schedules.plan(s.key(), s.cadence().days(s.weeklyDay()), s.at(), s.zone(), DigestService.JOB);
        }
        router.command("holdfast", new SettingsCommands(tenants, calendars, escalationSettings, leads, kudosSettings, clock,
                new SettingsCommands.AccountPages(db, accounts, new AccountTimeline(), promises, escalations, kudos),
                new SettingsCommands.Digests(subscriptions, digests, digestMessages, schedules, riskWeights)));
        HomeService home = new HomeService(db, promiseStore, escalationStore, kudosStore, riskRanker,
                new HomeMessages(promiseMessages, escalationMessages, digestMessages), clock);

        SlackSocketMode slackSocket = null;
        SlackApp boltApp = null;
        if (serveHttp) {
            WebServer.SlackEndpoint slackEndpoint = null;
            if (slack != null) {
                SlackApp.Parts parts = new SlackApp.Parts(router, tenants, slackPeople, tokens, home, new SlackEventLog(db, clock), afterAck);
                SlackApp slackApp = slackInstalls == null
                        ? SlackApp.create(slack, config.slackSigningSecret().orElse(null), config.slackBotToken().orElseThrow(), parts)
                        : SlackApp.createOAuth(slack, config.slackSigningSecret().orElseThrow(), new SlackApp.OAuth(config.slackClientId().orElseThrow(),
                                config.slackClientSecret().orElseThrow(), config.slackScopes(), config.slackRedirectUri().map(Object::toString),
                                slackInstalls, new OAuthStateStore(db, clock, config.encryptionKey().orElseThrow())), parts);
                boltApp = slackApp;
                if (config.slackSocketMode()) {
                    slackSocket = new SlackSocketMode(slackApp.bolt(), config.slackAppToken().orElseThrow(), clock);
                    slackEndpoint = new WebServer.SlackEndpoint(new SlackSocketModeDoor(), SlackSocketModeDoor.NO_FILTER);
                } else {
                    slackEndpoint = new WebServer.SlackEndpoint(new SlackEventsServlet(slackApp.bolt()),
                            new SlackSignatureFilter(new SlackRequestVerifier(config.slackSigningSecret().orElseThrow(), clock)),
                            slackInstalls == null ? null : new SlackInstallServlet(slackApp),
                            slackInstalls == null ? List.of() : SlackInstallServlet.PATHS);
                }
            }
            SlackInstallations installs = slackInstalls;
            WebServer.TeamsEndpoint teamsEndpoint = teams == null ? null : new WebServer.TeamsEndpoint(teams.endpoint(), config.teamsInsecure());
            Readiness readiness = new Readiness()
                    .with("database", () -> db.isReady() ? Readiness.State.up("migrated") : Readiness.State.down("not answering, or migrations pending"))
                    .with("scheduler", () -> schedulesRunning() ? Readiness.State.up("") : Readiness.State.down("not running"))
                    .with("slack", slack == null ? () -> Readiness.State.up("off: " + config.slackOffReason().orElse(""))
                            : installs != null ? () -> Readiness.State.up(installs.installedCount() + " workspace(s) installed")
                            : new SlackAuthProbe(slack, config.slackBotToken().orElseThrow(), clock))
                    .with("teams", teams == null ? () -> Readiness.State.up("off") : teams.readiness());
            if (slackSocket != null) {
                readiness.with("slack socket", slackSocket.readiness());
            }
            web = new WebServer(config.port(), readiness, slackEndpoint, teamsEndpoint, metrics);
        } else {
            web = null;
        }
        socketMode = slackSocket;
        slackBolt = boltApp;
    }

    /** Starts the HTTP server and the delivery worker: the {@code serve} command. */
    public static App serve(Config config, Clock clock) throws Exception {
        App app = new App(config, clock, System.out, true);
        app.delivery.start();
        app.schedules.start();
        if (app.socketMode != null) {
            try {
                app.socketMode.start();
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
        }
        app.web.start();
        log.info("Holdfast listening on port {}", app.web.port());
        return app;
    }

    /** The {@code console} command: the same core, printing what the bot posts to {@code out}. */
    public static App console(Config config, Clock clock, PrintStream out) throws Exception {
        App app = new App(config, clock, out, false);
        app.delivery.start();
        app.schedules.start();
        return app;
    }

    public Console newConsole(PrintStream out) {
        return new Console(router, tenants, ZoneId.systemDefault(), out);
    }

    public int port() {
        return web.port();
    }

    public Database database() {
        return db;
    }

    public DeliveryWorker delivery() {
        return delivery;
    }

    /** The SLA clock watch the scheduler runs every minute; tests run it after moving the clock. */
    public SlaWatch slaWatch() {
        return slaWatch;
    }

    /** Posts due digests; the scheduler runs it on each subscription's trigger and every minute; tests run it after moving the clock. */
    public DigestService digests() {
        return digests;
    }

    /** The overdue-promise sweep the scheduler runs every minute; tests run it after moving the clock. */
    public PromiseNudges promiseNudges() {
        return promiseNudges;
    }

    /** The monthly shout-out check the scheduler runs every minute; tests run it after moving the clock. */
    public ShoutOut shoutOut() {
        return shoutOut;
    }

    public Schedules schedules() {
        return schedules;
    }

    private boolean schedulesRunning() {
        try {
            return schedules.isRunning();
        } catch (org.quartz.SchedulerException e) {
            return false;
        }
    }

    /** Stops in order: Slack's socket and HTTP first (in-flight requests finish), then deliveries, then the database. */
    @Override
    public void close() throws Exception {
        // Each step runs even if an earlier one failed, so the database is always closed, and closed last.
        try {
            try {
                if (socketMode != null) {
                    socketMode.close();
                }
                if (web != null) {
                    web.close();
                }
            } finally {
                if (slackBolt != null) {
                    slackBolt.close();
                }
                schedules.close();
                afterAck.shutdown();
                afterAck.awaitTermination(10, TimeUnit.SECONDS);
            }
        } finally {
            try {
                delivery.close();
            } finally {
                metrics.close();
                db.close();
            }
        }
        log.info("Holdfast stopped");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
