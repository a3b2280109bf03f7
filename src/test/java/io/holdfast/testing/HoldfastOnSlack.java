package io.holdfast.testing;

import io.holdfast.App;
import io.holdfast.config.Config;
import io.holdfast.store.Sql;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * The whole product on a random port with a real SQLite file, driven the way Slack drives it: signed
 * requests in, Web API calls out to a fake Slack that records them.
 */
public final class HoldfastOnSlack implements AutoCloseable {
    public static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    public static final String TEAM = FakeSlackApi.DEFAULT_TEAM_ID;
    public static final String CHANNEL = "C0ACCOUNTS";
    public static final Duration WAIT = Duration.ofSeconds(10);

    public final FakeSlackApi slack;
    public final TestClock clock;
    private final String dbUrl;
    private App app;
    private SlackRequests requests;
    private int triggers;

    public HoldfastOnSlack(Path dir, Instant now) throws Exception {
        this(new FakeSlackApi(), TestClock.at(now, ZoneId.of("UTC")), TestDatabases.freshUrl(dir));
    }

    /** Another replica: shares the fake Slack and the database with the others, with its own clock. */
    public HoldfastOnSlack(FakeSlackApi slack, TestClock clock, String dbUrl) throws Exception {
        this.slack = slack;
        this.clock = clock;
        this.dbUrl = dbUrl;
        start();
    }

    /** Starts the app (again) on the same database file and the same fake Slack. */
    public void start() throws Exception {
        Config config = Config.fromEnvironment(Map.of(
                "HOLDFAST_PORT", "0",
                "HOLDFAST_DB_URL", dbUrl,
                "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_BOT_TOKEN", "xoxb-test-token",
                "SLACK_API_URL", slack.methodsUrl()));
        app = App.serve(config, clock);
        requests = new SlackRequests(URI.create("http://127.0.0.1:" + app.port() + "/slack/events"), SECRET, clock);
    }

    public void stop() throws Exception {
        app.close();
    }

    /** Runs the SLA clock watch now, as the scheduler does every minute; returns how many notices it queued. */
    public int checkSlaClocks() {
        return app.slaWatch().check();
    }

    /** Runs one delivery pass now, as the worker does when woken; returns how many rows it tried. */
    public int deliverNow() {
        return app.delivery().deliverDue();
    }

    /** Posts the digests due now, as each subscription's trigger and the minute sweep do; returns how many. */
    public int checkDigests() {
        return app.digests().check();
    }

    /** When the scheduler next fires the plan with {@code key} after {@code after}. */
    public java.util.Optional<Instant> nextFire(String key, Instant after) throws Exception {
        return app.schedules().nextFire(key, after);
    }

    public String databaseUrl() {
        return dbUrl;
    }

    /** Runs the overdue-promise sweep now, as the scheduler does every minute; returns how many nudges it queued. */
    public int checkNudges() {
        return app.promiseNudges().check();
    }

    /** Runs the monthly shout-out check now, as the scheduler does every minute; returns how many it queued. */
    public int checkShoutOuts() {
        return app.shoutOut().check();
    }

    /** This replica's scheduler, to plan a trigger at a real time soon and see which replica fired it. */
    public io.holdfast.schedule.Schedules schedules() {
        return app.schedules();
    }

    public java.util.Set<String> scheduledJobs() throws Exception {
        return app.schedules().scheduledJobs();
    }

    public SlackRequests requests() {
        return requests;
    }

    public int port() {
        return app.port();
    }

    public SlackResponse promise(String user, String text) {
        return command(user, "/promise", text);
    }

    public SlackResponse command(String user, String command, String text) {
        return requests.slashCommand(TEAM, user, CHANNEL, command, text, slack.responseUrl("cmd"), nextTrigger());
    }

    public SlackResponse press(String user, String actionId, String value) {
        return requests.blockAction(TEAM, user, CHANNEL, "1764000000.000100", actionId, value, slack.responseUrl("btn"), nextTrigger());
    }

    public String nextTrigger() {
        return "trigger-" + (++triggers);
    }

    /** A number read straight from the database, e.g. to prove nothing was half-written. */
    public long count(String sql, Object... params) {
        return app.database().read(c -> Sql.count(c, sql, params));
    }

    public String text(String sql, Object... params) {
        return app.database().read(c -> Sql.one(c, sql, rs -> rs.getString(1), params).orElse(null));
    }

    /** The card for promise #{@code number} as posted to Slack. */
    public SlackCall card(int number) {
        return slack.awaitCall("chat.postMessage", c -> c.param("thread_ts") == null && c.text().contains("Promise #" + number), WAIT);
    }

    /** Waits until the card of promise #{@code number} was posted and its ts stored on the promise. */
    public void awaitCardRemembered(int number) {
        card(number);
        awaitDatabase("the ts of card #" + number, () -> text("SELECT card_ref FROM promises WHERE number = ?", number) != null);
    }

    /** The internal id of promise #{@code number}, as the card's buttons carry it. */
    public String promiseId(int number) {
        return String.valueOf(count("SELECT id FROM promises WHERE number = ?", number));
    }

    /** Waits until the database shows {@code condition}, e.g. that the worker has stored what Slack answered. */
    public void awaitDatabase(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the database never showed: " + what);
            }
            // The worker writes right after Slack answers; re-check every millisecond instead of spinning a core.
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            app.close();
        } finally {
            slack.close();
        }
    }
}
