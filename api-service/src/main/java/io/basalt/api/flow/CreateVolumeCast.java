package io.basalt.api.flow;

import java.util.List;

import io.basalt.common.scheduler.RequestSpec;
import io.basalt.rpc.RequestContext;

/**
 * The outbox payload of a {@code create_volume} cast: enough to send it again with the caller's context.
 *
 * @param requestId the original request id
 * @param globalRequestId the global request id, or null
 * @param userId the caller
 * @param projectId the caller's project
 * @param roles the caller's roles
 * @param admin whether the caller is an admin
 * @param requestSpec what the scheduler gets
 */
record CreateVolumeCast(String requestId, String globalRequestId, String userId, String projectId,
		List<String> roles, boolean admin, RequestSpec requestSpec) {

	static CreateVolumeCast of(RequestContext context, RequestSpec spec) {
		return new CreateVolumeCast(context.requestId(), context.globalRequestId(), context.userId(),
				context.projectId(), context.roles(), context.isAdmin(), spec);
	}

	RequestContext context() {
		return new RequestContext(this.requestId, this.globalRequestId, this.userId, this.projectId, this.roles,
				this.admin);
	}

}
