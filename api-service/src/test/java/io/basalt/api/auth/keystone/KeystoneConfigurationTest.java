package io.basalt.api.auth.keystone;

import io.basalt.api.ApiProperties;
import io.basalt.api.AuthConfiguration;
import io.basalt.api.web.AuthenticationProvider;
import io.basalt.api.web.NoAuthProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code basalt.api.auth.*}: the strategy picks the provider; a bad configuration fails the start. */
class KeystoneConfigurationTest {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, AuthConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ApiProperties.class)
	static class Properties {

	}

	@Test
	void noauthIsTheDefault() {
		this.runner.run(context -> assertThat(context).getBean(AuthenticationProvider.class)
			.isInstanceOf(NoAuthProvider.class));
	}

	@Test
	void keystoneStrategyBuildsTheKeystoneProvider() {
		this.runner
			.withPropertyValues("basalt.api.auth.strategy=keystone",
					"basalt.api.auth.keystone.url=http://127.0.0.1:5000/v3", "basalt.api.auth.keystone.username=basalt",
					"basalt.api.auth.keystone.password=secret",
					"basalt.api.auth.keystone.www-authenticate-uri=https://keystone.example.com/v3")
			.run(context -> {
				assertThat(context).hasNotFailed();
				AuthenticationProvider provider = context.getBean(AuthenticationProvider.class);
				assertThat(provider).isInstanceOf(KeystoneAuthProvider.class);
				assertThat(provider.wwwAuthenticate()).isEqualTo("Keystone uri=\"https://keystone.example.com/v3\"");
				ApiProperties.Keystone keystone = context.getBean(ApiProperties.class).auth().keystone();
				assertThat(keystone.cacheTtl()).hasSeconds(300);
				assertThat(keystone.timeout()).hasSeconds(5);
				assertThat(keystone.cacheSize()).isEqualTo(10000);
				assertThat(keystone.projectName()).isEqualTo("service");
				assertThat(keystone.userDomainName()).isEqualTo("Default");
				assertThat(keystone.toString()).doesNotContain("secret");
			});
	}

	@Test
	void keystoneStrategyWithoutCredentialsFailsTheStart() {
		this.runner.withPropertyValues("basalt.api.auth.strategy=keystone",
				"basalt.api.auth.keystone.url=http://127.0.0.1:5000/v3")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("basalt.api.auth.keystone.password are required when "
							+ "basalt.api.auth.strategy=keystone");
			});
	}

	@Test
	void unknownStrategyFailsTheStartNamingTheValidOnes() {
		this.runner.withPropertyValues("basalt.api.auth.strategy=ldap").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'ldap'")
				.hasMessageContaining("noauth, keystone");
		});
	}

}
