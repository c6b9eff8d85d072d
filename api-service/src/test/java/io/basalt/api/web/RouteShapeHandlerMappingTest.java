package io.basalt.api.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

class RouteShapeHandlerMappingTest {

	@Test
	void aShapeMatchesTheSegmentCountAndTheLiteralsOnly() {
		RouteShapeHandlerMapping.Shape shape = RouteShapeHandlerMapping.Shape.of("/v3/{project_id}/volumes/{id}");

		assertThat(shape.mayMatch(new String[] { "v3", "p1", "volumes", "abc" })).isTrue();
		assertThat(shape.mayMatch(new String[] { "v3", "p1", "snapshots", "abc" })).isFalse();
		assertThat(shape.mayMatch(new String[] { "v3", "p1", "volumes" })).isFalse();
		assertThat(shape.mayMatch(new String[] { "v3", "p1", "volumes", "abc", "action" })).isFalse();
	}

	@Test
	void partialVariablesAndWildcardsAreNotTakenForLiterals() {
		assertThat(RouteShapeHandlerMapping.Shape.of("/v3/{p}/x-{id}").mayMatch(new String[] { "v3", "p", "x-1" })).isTrue();
		assertThat(RouteShapeHandlerMapping.Shape.of("/v3/*/volumes").mayMatch(new String[] { "v3", "any", "volumes" }))
			.isTrue();
	}

	@Test
	void patternsOfVaryingLengthAreNotPreChecked() {
		assertThat(RouteShapeHandlerMapping.Shape.of("/static/**")).isNull();
		assertThat(RouteShapeHandlerMapping.Shape.of("/files/{*path}")).isNull();
		assertThat(RouteShapeHandlerMapping.Shape.of("/")).isNull();
	}

	@Test
	void aMappingWithACatchAllPatternIsAlwaysLeftToSpring() {
		RequestMappingInfo.BuilderConfiguration config = new RequestMappingInfo.BuilderConfiguration();
		config.setPatternParser(new PathPatternParser());
		RequestMappingInfo catchAll = RequestMappingInfo.paths("/v3/{p}/volumes", "/other/**").options(config).build();
		RequestMappingInfo plain = RequestMappingInfo.paths("/v3/{p}/volumes").options(config).build();

		assertThat(RouteShapeHandlerMapping.shapesOf(catchAll)).isEmpty();
		assertThat(RouteShapeHandlerMapping.shapesOf(plain)).hasSize(1);
	}

}
