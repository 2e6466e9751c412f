package vn.dancham.admin.twilio;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The guard in front of Twilio's webhooks. */
@Configuration(proxyBeanMethods = false)
class TwilioWebConfiguration {

    /**
     * Right after Spring Boot's character-encoding filter (so the form is read as UTF-8) and before anything else,
     * the security chain included, reads the parameters.
     */
    @Bean
    FilterRegistrationBean<TwilioRequestGuard> twilioRequestGuard() {
        FilterRegistrationBean<TwilioRequestGuard> r = new FilterRegistrationBean<>(new TwilioRequestGuard());
        r.addUrlPatterns("/twilio/*");
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return r;
    }
}
