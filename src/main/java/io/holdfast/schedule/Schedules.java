package io.holdfast.schedule;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.Set;
import java.util.TreeSet;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holdfast's Quartz scheduler (in-memory job store). Jobs are our own instances, handed to Quartz by a
 * job factory, so they are built in the composition root like everything else.
 */
public final class Schedules implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Schedules.class);

    private final Scheduler scheduler;
    private final Map<String, Runnable> jobs;

    public Schedules(Map<String, Runnable> everyMinute) throws SchedulerException {
        Properties properties = new Properties();
        // Quartz keeps schedulers in a JVM-wide repository by name; a unique name keeps each App's jobs its own.
        properties.setProperty("org.quartz.scheduler.instanceName", "holdfast-" + UUID.randomUUID());
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        scheduler = new StdSchedulerFactory(properties).getScheduler();
        jobs = Map.copyOf(everyMinute);
        scheduler.setJobFactory((bundle, ignored) -> {
            Runnable work = jobs.get(bundle.getJobDetail().getKey().getName());
            return (Job) context -> run(bundle.getJobDetail().getKey().getName(), work);
        });
        for (String name : jobs.keySet()) {
            JobDetail job = JobBuilder.newJob(Job.class).withIdentity(name).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name).startNow()
                    .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(job, trigger);
        }
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
