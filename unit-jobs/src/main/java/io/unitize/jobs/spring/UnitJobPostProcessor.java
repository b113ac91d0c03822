package io.unitize.jobs.spring;

import io.unitize.jobs.UnitJob;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Proxies beans with {@link UnitJob} methods (before Spring's {@code @Scheduled} processing sees them,
 * so the scheduler calls the proxy) and checks every annotation at startup.
 */
final class UnitJobPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

    UnitJobPostProcessor(UnitJobInterceptor interceptor) {
        this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, UnitJob.class, true), interceptor);
        setBeforeExistingAdvisors(true);
        setProxyTargetClass(true);
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        ReflectionUtils.doWithMethods(org.springframework.aop.support.AopUtils.getTargetClass(bean), m -> {
            UnitJob a = AnnotatedElementUtils.findMergedAnnotation(m, UnitJob.class);
            if (a != null) {
                UnitJobInterceptor.spec(m, a);
            }
        });
        return super.postProcessAfterInitialization(bean, beanName);
    }
}
