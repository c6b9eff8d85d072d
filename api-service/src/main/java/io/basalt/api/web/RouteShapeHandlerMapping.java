package io.basalt.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mapping with a cheap pre-check in front of each mapping's conditions.
 * <p>
 * <b>Why hand-written:</b> for a path with variables ({@code /v3/{project_id}/volumes/{volume_id}}, i.e. every
 * Cinder route) Spring MVC finds no direct match and evaluates the full condition set of every registered
 * mapping (≈ 300 here) on every request; JFR put that at 13 % of the api's CPU under {@code bin/bench}. Spring
 * offers no indexed lookup. This subclass rejects, before those conditions run, a mapping none of whose path
 * patterns has the request path's number of segments and literal segments at the same positions — a necessary
 * condition for a {@link PathPattern} without {@code **}/{@code {*var}} to match. Everything else (methods,
 * params, headers, consumes/produces, the pattern itself, the choice among matches) is still Spring's: a mapping
 * that passes the pre-check goes through {@code super.getMatchingMapping}, and mappings whose patterns it cannot
 * reason about (capture-the-rest patterns, no path-pattern condition, a request path with empty segments) always
 * do. Thread-safe.
 */
public class RouteShapeHandlerMapping extends RequestMappingHandlerMapping {

	private static final String SEGMENTS = RouteShapeHandlerMapping.class.getName() + ".segments";

	/** Each mapping's shapes; an empty array: no pre-check possible. Filled as mappings are first seen. */
	private final Map<RequestMappingInfo, Shape[]> shapes = new ConcurrentHashMap<>();

	/**
	 * Plain loops and arrays on purpose: this runs once per mapping per request, compiled by C1 only (the services'
	 * {@code -XX:TieredStopAtLevel=1}), where a stream's allocations are not optimised away.
	 */
	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		String[] segments = segments(request);
		if (segments != null) {
			Shape[] infoShapes = this.shapes.get(info);
			if (infoShapes == null) {
				infoShapes = shapesOf(info).toArray(Shape[]::new);
				this.shapes.put(info, infoShapes);
			}
			if (infoShapes.length > 0 && !anyMayMatch(infoShapes, segments)) {
				return null;
			}
		}
		return super.getMatchingMapping(info, request);
	}

	private static boolean anyMayMatch(Shape[] shapes, String[] segments) {
		for (Shape shape : shapes) {
			if (shape.mayMatch(segments)) {
				return true;
			}
		}
		return false;
	}

	/** The decoded path segments of the request, computed once per request; null when not checkable. */
	private static String[] segments(HttpServletRequest request) {
		Object cached = request.getAttribute(SEGMENTS);
		if (cached != null) {
			return (cached instanceof String[] array) ? array : null;
		}
		List<String> segments = parse(request);
		String[] array = (segments != null) ? segments.toArray(String[]::new) : null;
		request.setAttribute(SEGMENTS, (array != null) ? array : Boolean.FALSE);
		return array;
	}

	private static List<String> parse(HttpServletRequest request) {
		if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
			return null;
		}
		RequestPath path = ServletRequestPathUtils.getParsedRequestPath(request);
		List<String> segments = new ArrayList<>();
		for (PathContainer.Element element : path.pathWithinApplication().elements()) {
			if (element instanceof PathContainer.PathSegment segment) {
				if (segment.valueToMatch().isEmpty()) {
					return null;
				}
				segments.add(segment.valueToMatch());
			}
		}
		return segments;
	}

	/** The shapes of a mapping's path patterns; empty when one of them cannot be pre-checked. */
	static List<Shape> shapesOf(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null) {
			return List.of();
		}
		List<Shape> shapes = new ArrayList<>();
		for (PathPattern pattern : condition.getPatterns()) {
			Shape shape = Shape.of(pattern.getPatternString());
			if (shape == null) {
				return List.of();
			}
			shapes.add(shape);
		}
		return List.copyOf(shapes);
	}

	/**
	 * A pattern's number of segments and its literal segments by position (null where the segment holds a
	 * variable or a wildcard).
	 */
	record Shape(String[] literals) {

		/** The shape of a pattern string, or null if it may match a varying number of segments. */
		static Shape of(String pattern) {
			if (pattern.contains("**") || pattern.contains("{*")) {
				return null;
			}
			String trimmed = pattern.startsWith("/") ? pattern.substring(1) : pattern;
			if (trimmed.isEmpty() || trimmed.endsWith("/") || trimmed.contains("//")) {
				return null;
			}
			String[] parts = trimmed.split("/");
			String[] literals = new String[parts.length];
			for (int i = 0; i < parts.length; i++) {
				String p = parts[i];
				boolean literal = p.indexOf('{') < 0 && p.indexOf('*') < 0 && p.indexOf('?') < 0
						&& p.indexOf(';') < 0 && p.indexOf('%') < 0 && p.indexOf('\\') < 0;
				literals[i] = literal ? p : null;
			}
			return new Shape(literals);
		}

		boolean mayMatch(String[] segments) {
			if (segments.length != this.literals.length) {
				return false;
			}
			for (int i = 0; i < this.literals.length; i++) {
				if (this.literals[i] != null && !this.literals[i].equals(segments[i])) {
					return false;
				}
			}
			return true;
		}

	}

}
