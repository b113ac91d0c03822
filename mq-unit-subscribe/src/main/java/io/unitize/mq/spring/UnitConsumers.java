package io.unitize.mq.spring;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.rules.RulesSource;
import io.unitize.mq.MqConfigException;
import io.unitize.mq.NoBuyerPolicy;
import io.unitize.mq.SubscriptionMode;
import io.unitize.mq.UnitMessageListener;
import io.unitize.mq.UnitSubscription;
import io.unitize.mq.rocketmq.UnitConsumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotationUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts every consumer group of the application once all beans exist: those under
 * {@code unitize.mq.consumers.<group>} and the {@link UnitSubscription}-annotated listener beans.
 * Bad declarations fail startup naming the group and the property; all groups stop with the context.
 */
public class UnitConsumers implements SmartInitializingSingleton, DisposableBean {

    private final UnitizeMqProperties props;
    private final String unit;
    private final ListableBeanFactory beans;
    private final ObjectProvider<RulesSource> rules;
    private final String nameServer;
    private final Map<String, UnitConsumer> started = new LinkedHashMap<>();
    private final List<java.util.function.Consumer<List<UnitConsumer>>> whenStarted = new ArrayList<>();
    private boolean startedAll;

    /** {@code nameServer}: this unit's, as the starter resolved it (its {@code rocketmq} endpoint in units[]). */
    public UnitConsumers(UnitizeMqProperties props, String unit, String nameServer, ListableBeanFactory beans,
                         ObjectProvider<RulesSource> rules) {
        this.props = props;
        this.nameServer = nameServer;
        this.unit = unit;
        this.beans = beans;
        this.rules = rules;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<UnitConsumer.Builder> builders = new ArrayList<>();
        for (Map.Entry<String, UnitizeMqProperties.Consumer> e : props.getConsumers().entrySet()) {
            String p = "unitize.mq.consumers." + e.getKey();
            UnitizeMqProperties.Consumer c = e.getValue();
            if (c.getListener() == null || !beans.containsBean(c.getListener()) || !beans.isTypeMatch(c.getListener(), UnitMessageListener.class)) {
                throw new MqConfigException(p + ".listener: no UnitMessageListener bean named '" + c.getListener() + "'");
            }
            if (c.getTopics().isEmpty()) {
                throw new MqConfigException(p + ".topics: at least one topic is needed");
            }
            if (c.getMode() == null) {
                throw new MqConfigException(p + ".mode is required (normal, center, unit or all-unit)");
            }
            UnitConsumer.Builder b = builder(e.getKey(), c.getMode(), c.getNoBuyer(), p).threads(c.getThreads())
                    .listener(beans.getBean(c.getListener(), UnitMessageListener.class));
            c.getTopics().forEach(t -> b.subscribe(t, c.getTags()));
            builders.add(b);
        }
        for (Map.Entry<String, UnitMessageListener> e : beans.getBeansOfType(UnitMessageListener.class).entrySet()) {
            UnitSubscription s = AnnotationUtils.findAnnotation(e.getValue().getClass(), UnitSubscription.class);
            if (s == null) {
                continue;
            }
            String where = "@UnitSubscription on bean '" + e.getKey() + "'";
            if (props.getConsumers().containsKey(s.group())) {
                throw new MqConfigException(where + ": group " + s.group() + " is also declared under unitize.mq.consumers");
            }
            UnitConsumer.Builder b = builder(s.group(), s.mode(), s.noBuyer(), where).listener(e.getValue());
            for (String t : s.topics()) {
                b.subscribe(t, s.tags());
            }
            builders.add(b);
        }
        try {
            for (UnitConsumer.Builder b : builders) {
                UnitConsumer c = b.build().start();
                started.put(c.group(), c);
            }
        } catch (RuntimeException e) {
            destroy();
            throw e;
        }
        List<java.util.function.Consumer<List<UnitConsumer>>> callbacks;
        synchronized (this) {
            startedAll = true;
            callbacks = new ArrayList<>(whenStarted);
        }
        callbacks.forEach(cb -> cb.accept(List.copyOf(started.values())));
    }

    /** Runs {@code callback} with every started group once they are started (at once if they already are). */
    public void whenStarted(java.util.function.Consumer<List<UnitConsumer>> callback) {
        synchronized (this) {
            if (!startedAll) {
                whenStarted.add(callback);
                return;
            }
        }
        callback.accept(List.copyOf(started.values()));
    }

    private UnitConsumer.Builder builder(String group, SubscriptionMode mode, NoBuyerPolicy noBuyer, String where) {
        Supplier<RulesSnapshot> snapshot = null;
        if (mode == SubscriptionMode.UNIT || mode == SubscriptionMode.CENTER) {
            RulesSource s = rules.getIfAvailable();
            if (s == null) {
                throw new MqConfigException(where + ": mode " + mode + " needs the unit's rules (set unitize.unit and unitize.rules.server-addr)");
            }
            snapshot = s::snapshot;
        }
        return UnitConsumer.builder().namesrv(nameServer).unit(unit).group(group).mode(mode).noBuyer(noBuyer)
                .rules(snapshot).replayTopic(props.getReplayTopic());
    }

    /** The running groups by name. */
    public Map<String, UnitConsumer> consumers() {
        return Collections.unmodifiableMap(started);
    }

    @Override
    public void destroy() {
        started.values().forEach(UnitConsumer::close);
        started.clear();
    }
}
