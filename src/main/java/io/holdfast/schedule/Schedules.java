package io.holdfast.schedule;

import io.holdfast.core.Timetable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.Properties;
import java.util.UUID;
import java.util.Set;
import java.util.TreeSet;
import org.quartz.Job;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holdfast's Quartz scheduler (in-memory job store). Jobs are our own instances, handed to Quartz by a
 * job factory, so they are built in the composition root like everything else.
 */
public final class Schedules implements AutoCloseable, Timetable {
    private static final Logger log = LoggerFactory.getLogger(Schedules.class);

    private final Scheduler scheduler;
    private final Map<String, Runnable> jobs = new ConcurrentHashMap<>();

    public Schedules(Map<String, Runnable> everyMinute) throws SchedulerException {
        Properties properties = new Properties();
        // Quartz keeps schedulers in a JVM-wide repository by name; a unique name keeps each App's jobs its own.
        properties.setProperty("org.quartz.scheduler.instanceName", "holdfast-" + UUID.randomUUID());
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        scheduler = new StdSchedulerFactory(properties).getScheduler();
        jobs.putAll(everyMinute);
        scheduler.setJobFactory((bundle, ignored) -> {
            Runnable work = jobs.get(bundle.getJobDetail().getKey().getName());
            return (Job) context -> run(bundle.getJobDetail().getKey().getName(), work);
        });
        for (String name : everyMinute.keySet()) {
            JobDetail job = JobBuilder.newJob(Job.class).withIdentity(name).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name).startNow()
                    .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(job, trigger);
        }
    }

    /** A cron trigger in the plan's own zone, so "09:00 in Berlin" stays 09:00 there across DST changes. */
    @Override
    public void plan(String key, Set<DayOfWeek> days, LocalTime at, ZoneId zone, Runnable job) {
        String dayField = days.isEmpty() || days.size() == 7 ? "*"
                : days.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
        String cron = "0 " + at.getMinute() + " " + at.getHour() + " ? * " + dayField;
        try {
            cancel(key);
            jobs.put(key, job);
            scheduler.scheduleJob(JobBuilder.newJob(Job.class).withIdentity(key).build(),
                    TriggerBuilder.newTrigger().withIdentity(key)
                            .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone))
                                    .withMisfireHandlingInstructionFireAndProceed())
                            .build());
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not plan " + key, e);
        }
    }

    @Override
    public void cancel(String key) {
        try {
            scheduler.deleteJob(JobKey.jobKey(key));
            jobs.remove(key);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not cancel " + key, e);
        }
    }

    /** When the plan with {@code key} next fires after {@code after}, for tests and readiness. */
    public Optional<Instant> nextFire(String key, Instant after) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(key));
        return trigger == null ? Optional.empty() : Optional.ofNullable(trigger.getFireTimeAfter(Date.from(after))).map(Date::toInstant);
    }

    private static void run(String name, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("scheduled job {} failed; it runs again next minute", name, e);
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

    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }
}
