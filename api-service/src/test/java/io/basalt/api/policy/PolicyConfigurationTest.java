package io.basalt.api.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolicyConfigurationTest {

	private static final Credentials MEMBER = new Credentials("alice", "P1", List.of("member", "reader"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PolicyConfiguration.class);

	@TempDir
	Path dir;

	/** Without a file: the defaults, no reloader, so no scheduler is needed. */
	@Test
	void defaultsAloneWithoutFile() {
		this.runner.run(context -> {
			assertThat(context).hasSingleBean(PolicyEnforcer.class).doesNotHaveBean(PolicyReloader.class);
			assertThat(context.getBean(PolicyEnforcer.class).check("volume:delete", MEMBER, Map.of("project_id", "P1")))
				.isTrue();
			assertThat(context.getBean(PolicyProperties.class).reloadInterval()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	/** With a file: its rules are in force, and a change is picked up by the scheduled reload. */
	@Test
	void fileIsLoadedAndReloadedOnSchedule() throws IOException {
		Path file = Files.writeString(this.dir.resolve("policy.yaml"), "\"volume:delete\": \"role:admin\"\n");
		this.runner.withUserConfiguration(Scheduler.class)
			.withPropertyValues("basalt.api.policy.file=" + file, "basalt.api.policy.reload-interval=100ms")
			.run(context -> {
				assertThat(context).hasSingleBean(PolicyReloader.class);
				assertThat(context.getBean(PolicyReloader.class).isRunning()).isTrue();
				PolicyEnforcer enforcer = context.getBean(PolicyEnforcer.class);
				assertThat(enforcer.file()).isEqualTo(file);
				assertThat(enforcer.check("volume:delete", MEMBER, Map.of("project_id", "P1"))).isFalse();

				Files.writeString(file, "\"volume:delete\": \"role:member\"\n");
				Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> enforcer.check("volume:delete", MEMBER, Map.of("project_id", "P1")));
			});
	}

	/** A file that does not load fails startup with a message naming the file and the rule. */
	@Test
	void badFileFailsStartup() throws IOException {
		Path file = Files.writeString(this.dir.resolve("policy.yaml"), "\"volume:get\": \"role:admin or\"\n");
		this.runner.withPropertyValues("basalt.api.policy.file=" + file).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining(file.toString())
				.hasMessageContaining("rule \"volume:get\" at position 13");
		});
	}

	/** A reload interval below 100 ms is refused. */
	@Test
	void tooShortReloadIntervalIsRefused() {
		this.runner.withPropertyValues("basalt.api.policy.reload-interval=1ms").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("reloadInterval");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Scheduler {

		@Bean
		TaskScheduler taskScheduler() {
			return new ThreadPoolTaskScheduler();
		}

	}

}
