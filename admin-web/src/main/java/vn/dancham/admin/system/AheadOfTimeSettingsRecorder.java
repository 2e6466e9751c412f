package vn.dancham.admin.system;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import java.util.Set;
import java.util.TreeSet;

/**
 * In the build's AOT processing, once the bean definitions are worked out: writes the settings read meanwhile, with
 * their values, to {@link AheadOfTimeBeans#RECORD} beside the generated code (see {@link AheadOfTimeBeans}).
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class AheadOfTimeSettingsRecorder implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        ConfigurableEnvironment environment = beanFactory.getBean(ConfigurableEnvironment.class);
        PropertySource<?> recording = environment.getPropertySources().remove(AheadOfTimeBeans.RECORDING_SOURCE);
        if (!(recording instanceof AheadOfTimeBeans.RecordingPropertySource source)) {
            // Processed without the deployable's main (another application class): nothing was recorded, and a start
            // in AOT mode without a record goes without the generated beans.
            return null;
        }
        Set<String> read = new TreeSet<>(source.getSource());
        String record = AheadOfTimeBeans.record(environment, read);
        return (generationContext, code) -> generationContext.getGeneratedFiles()
                .addResourceFile(AheadOfTimeBeans.RECORD, record);
    }
}
