#!/usr/bin/env python3
"""Where an agent process's CPU went: the execution samples of a JFR recording, by what they were doing.

The freeze window at scale writes the recording of agent process 0 with -Dunitize.bench.agentJfr=true
(control-center/target/bench-scale-agents/unitize-0.jfr). Usage (any JDK 17+ for `jfr`; python3):

    jfr print --json --stack-depth 96 --events jdk.ExecutionSample unitize-0.jfr > samples.json
    python3 control-center/bench/agent-profile.py samples.json
    jfr view gc-pauses unitize-0.jfr        # JDK 21+: the GC pauses, which execution samples do not show

Each sample is put in the first category whose marker occurs anywhere on its stack, in the order below
(so the md5 the Nacos client computes inside our listener's thread counts as Nacos, and our parse
under the client's listener task counts as ours). The main thread is start-up and is listed apart.
"""
import collections
import json
import sys

CATEGORIES = [
    ('nacos client: md5 of the content', ['MD5Utils', 'sun.security.provider.MD5']),
    ('nacos client: local snapshot file', ['LocalConfigInfoProcessor']),
    ('nacos client: decoding the gRPC payload JSON', ['com.alibaba.nacos.common.remote.client.grpc.GrpcUtils',
                                                      'com.alibaba.nacos.common.utils.JacksonUtils', 'PayloadRegistry']),
    ('nacos client: rate limiter key (Gson of each request)', ['Limiter', 'gson']),
    ('unitize: validate (RulesValidator)', ['io.unitize.core.internal.RulesValidator']),
    ('unitize: parse (RulesJsonReader + Jackson tree)', ['io.unitize.core.internal.RulesJson']),
    ('unitize: compile (RulesSnapshot)', ['io.unitize.core.RulesSnapshot']),
    ('unitize: acknowledgement (AppliedVersionReporter)', ['io.unitize.core.nacos.AppliedVersionReporter',
                                                           'io.unitize.core.nacos.AckItems']),
    ('unitize: other', ['io.unitize']),
    ('nacos client: gRPC / Netty transport', ['grpc', 'netty']),
    ('nacos client: other', ['com.alibaba.nacos']),
    ('other', ['']),
]


def main(path):
    events = json.load(open(path))['recording']['events']
    counts = collections.Counter()
    for e in events:
        stack = e['values'].get('stackTrace')
        frames = [(f['method']['type']['name'] + '.' + f['method']['name']).replace('/', '.')
                  for f in (stack['frames'] if stack else [])]
        if (e['values']['sampledThread']['javaName'] or '') == 'main':
            counts['(main thread: start-up)'] += 1
            continue
        joined = '|'.join(frames)
        for label, markers in CATEGORIES:
            if any(m in joined for m in markers):
                counts[label] += 1
                break
    start_up = counts.pop('(main thread: start-up)', 0)
    n = sum(counts.values())
    print('| what | samples | share |\n|---|---|---|')
    for label, v in counts.most_common():
        print('| %s | %d | %.1f%% |' % (label, v, 100.0 * v / n))
    print('\n%d samples outside the main thread (%d more in it: start-up)' % (n, start_up))


if __name__ == '__main__':
    main(sys.argv[1])
