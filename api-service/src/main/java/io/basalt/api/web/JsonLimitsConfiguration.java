package io.basalt.api.web;

import tools.jackson.core.StreamReadConstraints;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caps the nesting depth of every JSON document the API parses at {@link InputRules#MAX_JSON_DEPTH}: a deeper
 * body fails in the parser (400 "Malformed request body"), before it costs stack or memory.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimitsConfiguration {

	@Bean
	JsonFactoryBuilderCustomizer nestingDepthLimit() {
		return (builder) -> builder.streamReadConstraints(
				StreamReadConstraints.builder().maxNestingDepth(InputRules.MAX_JSON_DEPTH).build());
	}

}
