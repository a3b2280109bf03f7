package io.holdfast.schedule;

import io.holdfast.core.Timetable;
import io.holdfast.store.Database;
import io.holdfast.store.Dialect;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holdfast's Quartz scheduler. On SQLite the job store is in memory: one process owns the file, and
 * the minute sweeps catch up after downtime. On PostgreSQL the job store is Quartz's clustered JDBC
 * store on the same database, so every replica shares one set of triggers, each firing runs on one
 * replica only, and a replica that dies has its work taken over. Jobs are stored by name only; each
 * replica maps the names to its own instances, built in the composition root like everything else.
 */
public final class Schedules implements AutoCloseable, Timetable {
    private static final Logger log = LoggerFactory.getLogger(Schedules.class);
    private static final String JOB_NAME = "job";
    /** The cluster's name in Quartz's tables: the same on every replica, so they share triggers. */
    static final String CLUSTER = "holdfast";

    private final Scheduler scheduler;
    private final Map<String, Runnable> jobs;
    private final Runs runs;
    private final Map<String, AtomicInteger> firedHere = new ConcurrentHashMap<>();

    /** Told how each run of a job on this replica ended and how long it took, e.g. to count them by job. */
    @FunctionalInterface
    public interface Runs {
        void ran(String job, boolean ok, long nanos);
    }

    private Schedules(Properties properties, Map<String, Runnable> jobs, Runs runs) throws SchedulerException {
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        this.jobs = Map.copyOf(jobs);
        this.runs = runs;
        StdSchedulerFactory factory = new StdSchedulerFactory(properties);
        scheduler = factory.getScheduler();
        // Quartz also files schedulers in a JVM-wide registry by name and hands back an existing one of
        // the same name. We never look schedulers up, so ours leaves the registry at once: every App
        // gets its own scheduler, even two replicas of one cluster inside one JVM (as tests run them).
        SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
        scheduler.setJobFactory((bundle, ignored) -> new Work(this));
        for (String name : jobs.keySet()) {
            scheduler.scheduleJob(job(name, name), Set.of(TriggerBuilder.newTrigger().withIdentity(name).startNow()
                    .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build()), true);
        }
    }

    /**
     * The scheduler for {@code db}'s engine, running each of {@code jobs} every minute (by name, so plans
     * can refer to them too). A server on PostgreSQL joins the cluster; the console never does, because a
     * laptop's skewed clock must not take triggers over from the servers. The database must be migrated
     * first: on PostgreSQL it holds Quartz's tables.
     */
    public static Schedules forDatabase(Database db, String replica, boolean server, Map<String, Runnable> jobs, Runs runs)
            throws SchedulerException {
        Properties properties = new Properties();
        if (server && db.dialect() == Dialect.POSTGRESQL) {
            // Quartz reaches its database through a provider registered by name; the name is ours alone.
            String dataSource = "holdfast-" + UUID.randomUUID();
            DBConnectionManager.getInstance().addConnectionProvider(dataSource, new SharedPool(db.dataSource()));
            properties.setProperty("org.quartz.scheduler.instanceName", CLUSTER);
            properties.setProperty("org.quartz.scheduler.instanceId", replica);
            properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
            properties.setProperty("org.quartz.jobStore.isClustered", "true");
            properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
            // A trigger planned on another replica is seen at this replica's next look; Quartz's 30 s would make a
            // subscription made moments before its time post late.
            properties.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
            // Job data as strings, never Java-serialised objects, so a replica of another version can read it.
            properties.setProperty("org.quartz.jobStore.useProperties", "true");
        } else {
            // Quartz's registry is JVM-wide; a unique name keeps each App's in-memory jobs its own.
            properties.setProperty("org.quartz.scheduler.instanceName", "holdfast-" + UUID.randomUUID());
            properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        }
        return new Schedules(properties, jobs, runs);
    }

    private static JobDetail job(String key, String work) {
        // Every job is idempotent (outbox keys, per-row state), so one that was running on a replica
        // that died is simply run again on another.
        return JobBuilder.newJob(Work.class).withIdentity(key).usingJobData(JOB_NAME, work).requestRecovery(true).build();
    }

    /** A cron trigger in the plan's own zone, so "09:00 in Berlin" stays 09:00 there across DST changes. */
    @Override
    public void plan(String key, Set<DayOfWeek> days, LocalTime at, ZoneId zone, String job) {
        if (!jobs.containsKey(job)) {
            throw new IllegalArgumentException("no job named " + job + "; known: " + jobs.keySet());
        }
        String dayField = days.isEmpty() || days.size() == 7 ? "*"
                : days.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
        String cron = at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " ? * " + dayField;
        try {
            scheduler.scheduleJob(job(key, job), Set.of(TriggerBuilder.newTrigger().withIdentity(key)
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build()), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not plan " + key, e);
        }
    }

    @Override
    public void cancel(String key) {
        try {
            scheduler.deleteJob(JobKey.jobKey(key));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not cancel " + key, e);
        }
    }

    /** When the plan with {@code key} next fires after {@code after}, for tests and readiness. */
    public Optional<Instant> nextFire(String key, Instant after) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(key));
        return trigger == null ? Optional.empty() : Optional.ofNullable(trigger.getFireTimeAfter(Date.from(after))).map(Date::toInstant);
    }

    /** How many times the trigger {@code key} has fired on this replica, so tests can tell which replica ran it. */
    public int firedHere(String key) {
        AtomicInteger count = firedHere.get(key);
        return count == null ? 0 : count.get();
    }

    /** The keys of the triggers that have fired on this replica, recovery triggers for a dead replica's jobs among them. */
    public Set<String> firedHere() {
        return Set.copyOf(firedHere.keySet());
    }

    private void run(JobExecutionContext context) {
        String key = context.getTrigger().getKey().getName();
        String name = context.getMergedJobDataMap().getString(JOB_NAME);
        firedHere.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Runnable work = jobs.get(name);
        if (work == null) {
            log.error("trigger {} names job {}, which this replica does not have", key, name);
            return;
        }
        long started = System.nanoTime();
        boolean ok = false;
        try {
            work.run();
            ok = true;
        } catch (RuntimeException e) {
            log.error("scheduled job {} ({}) failed; it runs again at its next firing", key, name, e);
        } finally {
            runs.ran(name, ok, System.nanoTime() - started);
        }
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    /** The names of the jobs Quartz has scheduled, for readiness checks and tests. */
    public Set<String> scheduledJobs() throws SchedulerException {
        Set<String> names = new TreeSet<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.anyGroup())) {
            names.add(key.getName());
        }
        return names;
    }

    public boolean isRunning() throws SchedulerException {
        return scheduler.isStarted() && !scheduler.isShutdown();
    }

    /**
     * Stops firing without waiting for a job in flight: Quartz's waiting shutdown can hang for good when
     * a trigger is being handed to a worker at that moment (seen in CI). A job cut short is safe to lose
     * here, because every job is idempotent and runs again at its next firing, or on another replica
     * through recovery.
     */
    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(false);
    }

    /** What Quartz runs; a firing never overlaps the previous firing of the same job, on any replica. */
    @DisallowConcurrentExecution
    public static final class Work implements Job {
        private final Schedules schedules;

        Work(Schedules schedules) {
            this.schedules = schedules;
        }

        @Override
        public void execute(JobExecutionContext context) {
            schedules.run(context);
        }
    }
}
