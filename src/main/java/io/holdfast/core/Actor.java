package io.holdfast.core;

import java.time.ZoneId;

/**
 * The person behind a request, within their tenant.
 *
 * @param zone  the person's own time zone, used to read the times they type
 * @param admin whether the platform says they administer the workspace
 */
public record Actor(Tenant tenant, String userId, ZoneId zone, boolean admin) {}
