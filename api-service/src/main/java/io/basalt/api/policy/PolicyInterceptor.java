package io.basalt.api.policy;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authorizes every v3 resource request by the {@link PolicyRule} of its handler before the handler runs. A v3
 * handler without the annotation is refused (fail closed) and logged as a defect; a handler marked
 * {@link PolicyRule#PER_ACTION} authorizes inside its dispatcher. Requests that carry no {@link ApiRequest}
 * (the version documents, the error page) are not v3 resources and pass. Stateless and thread-safe.
 */
public class PolicyInterceptor implements HandlerInterceptor {

	private static final Logger log = LoggerFactory.getLogger(PolicyInterceptor.class);

	private final Policy policy;

	public PolicyInterceptor(Policy policy) {
		this.policy = policy;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)
				|| !(request.getAttribute(ApiRequest.ATTRIBUTE) instanceof ApiRequest req)) {
			return true;
		}
		PolicyRule rule = method.getMethodAnnotation(PolicyRule.class);
		if (rule == null) {
			log.error("No @PolicyRule on {}: refused", method.getShortLogMessage());
			throw ApiException.forbidden("Policy doesn't allow this request: no policy rule guards "
					+ request.getMethod() + " " + request.getRequestURI() + ".");
		}
		if (PolicyRule.PER_ACTION.equals(rule.value())) {
			return true;
		}
		this.policy.authorize(req, rule.value(), targetProject(request, req, rule));
		return true;
	}

	private static String targetProject(HttpServletRequest request, ApiRequest req, PolicyRule rule) {
		if (rule.targetProject().isEmpty()) {
			return req.projectId();
		}
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return (variables != null) ? variables.get(rule.targetProject()) : null;
	}

}
