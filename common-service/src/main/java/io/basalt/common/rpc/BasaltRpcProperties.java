package io.basalt.common.rpc;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * RPC names and limits ({@code basalt.rpc.*}). Basalt's defaults never collide with an OpenStack on the same
 * broker; set {@code control-exchange=openstack}, {@code scheduler-topic=cinder-scheduler},
 * {@code volume-topic=cinder-volume} to use Cinder's names instead.
 *
 * @param controlExchange the topic exchange every RPC goes through
 * @param schedulerTopic the scheduler services' topic
 * @param volumeTopic the volume services' topic
 * @param callTimeout default timeout of a call (oslo's {@code rpc_response_timeout})
 * @param castRetryBound how long a cast keeps retrying while the broker is away before it fails loudly
 * @param serverConcurrency consumers per RPC server
 * @param prefetch unacknowledged messages a consumer may hold
 * @param durableQueues whether exchanges and shared queues survive a broker restart
 */
@Validated
@ConfigurationProperties("basalt.rpc")
public record BasaltRpcProperties(@NotBlank @DefaultValue("basalt") String controlExchange,
		@NotBlank @DefaultValue("basalt-scheduler") String schedulerTopic,
		@NotBlank @DefaultValue("basalt-volume") String volumeTopic,
		@NotNull @DefaultValue("60s") Duration callTimeout, @NotNull @DefaultValue("30s") Duration castRetryBound,
		@Min(1) @DefaultValue("4") int serverConcurrency, @Min(1) @DefaultValue("16") int prefetch,
		@DefaultValue("true") boolean durableQueues) {
}
