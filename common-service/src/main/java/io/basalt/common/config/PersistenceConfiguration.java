package io.basalt.common.config;

import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** Maps the shared entities and repositories of {@code io.basalt.common.db} in every service. */
@Configuration(proxyBeanMethods = false)
@EntityScan("io.basalt.common.db")
@EnableJpaRepositories("io.basalt.common.db")
class PersistenceConfiguration {

}
