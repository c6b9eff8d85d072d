package io.basalt.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cinder's request size limit (oslo.middleware {@code sizelimit}, {@code max_request_body_size} = 112 KiB): a
 * request whose {@code Content-Length} is larger is answered 413 {@code overLimit} before it is read. This is
 * also what bounds the number of metadata entries a request may set, as in Cinder (which has no count limit of
 * its own). A chunked request without a length is not checked here. Stateless and thread-safe.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

	/** oslo.middleware's default {@code max_request_body_size}. */
	public static final long MAX_REQUEST_BODY_SIZE = 114688;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_REQUEST_BODY_SIZE) {
			ApiGatewayFilter.writeFault(response, new Fault(HttpStatus.CONTENT_TOO_LARGE,
					"Request is too large. Larger than max_request_body_size (" + MAX_REQUEST_BODY_SIZE + ")."));
			return;
		}
		chain.doFilter(request, response);
	}

}
