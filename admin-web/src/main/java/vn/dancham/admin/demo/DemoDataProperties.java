package vn.dancham.admin.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dancham.demo.*}: the demo province loaded on first start.
 *
 * @param load  AUTO loads into an empty embedded database only; ALWAYS also into an empty external database
 *              (when asked for explicitly); NEVER does not load
 * @param seed  the random seed: the same seed gives the same organisation, dossiers and ratings
 */
@ConfigurationProperties("dancham.demo")
public record DemoDataProperties(@DefaultValue("AUTO") Load load, @DefaultValue("20261122") long seed) {

    public enum Load { AUTO, ALWAYS, NEVER }
}
