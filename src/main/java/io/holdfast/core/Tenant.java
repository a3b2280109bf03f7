package io.holdfast.core;

import io.holdfast.core.time.BusinessCalendar;
import java.time.ZoneId;

/**
 * One Slack workspace, Teams tenant or the local console. Every row in the store belongs to one.
 *
 * @param id         internal key used in every query
 * @param platform   where its people talk to Holdfast
 * @param externalId the platform's own id (Slack team id, Teams tenant id)
 * @param zone       the tenant's working time zone
 */
public record Tenant(long id, Platform platform, String externalId, ZoneId zone, BusinessCalendar calendar) {}
