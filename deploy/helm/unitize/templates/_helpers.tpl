{{/* Name of a component's objects: <release>-<component> */}}
{{- define "unitize.name" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "unitize.selectorLabels" -}}
app.kubernetes.io/name: unitize
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "unitize.labels" -}}
{{ include "unitize.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
unitize.io/unit: {{ .root.Values.unit.code | quote }}
{{- end -}}

{{/* Checks shared by every install; fail with the rule that was broken. */}}
{{- define "unitize.validate" -}}
{{- $code := .Values.unit.code | default "" -}}
{{- if not (regexMatch "^[a-z0-9-]{1,32}$" $code) -}}
{{- fail (printf "unit.code must be 1-32 lowercase letters, digits or '-', but was %q" $code) -}}
{{- end -}}
{{- if not (has .Values.unit.role (list "CENTER" "UNIT")) -}}
{{- fail (printf "unit.role must be CENTER or UNIT, but was %q" .Values.unit.role) -}}
{{- end -}}
{{- if and .Values.controlCenter.enabled (ne .Values.unit.role "CENTER") -}}
{{- fail (printf "controlCenter.enabled is true in unit %q whose role is %s: the control center runs only in the center (unit.role=CENTER)" $code .Values.unit.role) -}}
{{- end -}}
{{- if not .Values.nacos.existingSecret -}}
{{- fail "nacos.existingSecret is required: the name of a Secret holding this unit's Nacos address (and credentials)" -}}
{{- end -}}
{{- end -}}

{{/* The Secret sources every agent mounts: this unit's Nacos (address required, credentials optional). */}}
{{- define "unitize.nacosSources" -}}
{{- $n := .Values.nacos -}}
{{- list
      (dict "name" $n.existingSecret "items" (list (dict "key" $n.serverAddrKey "path" "unitize.rules.server-addr")))
      (dict "name" $n.existingSecret "optional" true "items" (list
          (dict "key" $n.usernameKey "path" "unitize.rules.username")
          (dict "key" $n.passwordKey "path" "unitize.rules.password"))) | toJson -}}
{{- end -}}

{{/* The rules subscription's non-secret properties for an agent of kind .kind */}}
{{- define "unitize.agentConfig" -}}
{{- $v := .root.Values -}}
{{- $rules := dict "data-id" $v.rules.dataId "group" $v.rules.group "agent-kind" .kind -}}
{{- if $v.nacos.namespace }}{{- $_ := set $rules "namespace" $v.nacos.namespace -}}{{- end -}}
{{- dict "unitize" (dict "unit" $v.unit.code "rules" $rules) | toJson -}}
{{- end -}}

{{/*
One Spring Boot service: ConfigMap (non-secret application.yaml), Deployment, Service, PDB.
Arguments: root, name, c (its values), config (Spring properties), secretSources (list of
{name, items[{key, path, optional}]}; every item becomes a file /etc/unitize/secrets/<path> that
Spring Boot's configtree import turns into the property <path>).
*/}}
{{- define "unitize.component" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $tag := $c.image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion -}}
{{- $mgmt := dict "endpoint" (dict "health" (dict "probes" (dict "enabled" true))) "endpoints" (dict "web" (dict "exposure" (dict "include" "health,info,metrics,prometheus"))) -}}
{{- $base := dict "server" (dict "port" $c.port "address" "0.0.0.0" "shutdown" "graceful") "management" $mgmt -}}
{{- $cfg := mergeOverwrite $base (deepCopy .config) (deepCopy ($c.config | default dict)) }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "unitize.name" . }}
  labels:
    {{- include "unitize.labels" . | nindent 4 }}
data:
  application.yaml: |
    {{- toYaml $cfg | nindent 4 }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "unitize.name" . }}
  labels:
    {{- include "unitize.labels" . | nindent 4 }}
spec:
  replicas: {{ $c.replicas }}
  selector:
    matchLabels:
      {{- include "unitize.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "unitize.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ toYaml $cfg | sha256sum }}
        {{- if $root.Values.metrics.podAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/path: {{ $root.Values.metrics.path | quote }}
        prometheus.io/port: {{ $c.port | quote }}
        {{- end }}
    spec:
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        fsGroup: 1000
      terminationGracePeriodSeconds: 40
      containers:
        - name: {{ .name }}
          image: "{{ $root.Values.image.registry }}{{ $c.image.repository }}:{{ $tag }}"
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
            {{- range .extraPorts }}
            - name: {{ .name }}
              containerPort: {{ .port }}
            {{- end }}
          env:
            - name: SPRING_CONFIG_ADDITIONAL_LOCATION
              value: "optional:file:/etc/unitize/config/"
            - name: SPRING_CONFIG_IMPORT
              value: "optional:configtree:/etc/unitize/secrets/"
            - name: MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED
              value: "true"
            - name: MANAGEMENT_HEALTH_LIVENESSSTATE_ENABLED
              value: "true"
            - name: MANAGEMENT_HEALTH_READINESSSTATE_ENABLED
              value: "true"
            - name: JAVA_TOOL_OPTIONS   # the root file system is read-only: Nacos' client caches under /tmp
              value: {{ printf "-Duser.home=/tmp -DJM.SNAPSHOT.PATH=/tmp %s" ($c.javaOpts | default "") | trim | quote }}
            - name: UNITIZE_RULES_REPORTIP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
          startupProbe:
            httpGet:
              path: {{ $root.Values.probes.liveness.path }}
              port: http
            periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: {{ $root.Values.probes.liveness.path }}
              port: http
            periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: {{ $root.Values.probes.readiness.path }}
              port: http
            periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
          {{- with $c.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          volumeMounts:
            - name: config
              mountPath: /etc/unitize/config
              readOnly: true
            - name: secrets
              mountPath: /etc/unitize/secrets
              readOnly: true
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: config
          configMap:
            name: {{ include "unitize.name" . }}
        - name: secrets
          projected:
            sources:
              {{- range .secretSources }}
              - secret:
                  name: {{ .name }}
                  {{- with .items }}
                  items:
                    {{- range . }}
                    - key: {{ .key }}
                      path: {{ .path }}
                    {{- end }}
                  {{- end }}
                  {{- if .optional }}
                  optional: true
                  {{- end }}
              {{- end }}
        - name: tmp
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "unitize.name" . }}
  labels:
    {{- include "unitize.labels" . | nindent 4 }}
spec:
  type: {{ ($c.service | default dict).type | default "ClusterIP" }}
  selector:
    {{- include "unitize.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $c.port }}
      targetPort: http
    {{- range .extraPorts }}
    - name: {{ .name }}
      port: {{ .port }}
      targetPort: {{ .name }}
    {{- end }}
{{- if $c.pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "unitize.name" . }}
  labels:
    {{- include "unitize.labels" . | nindent 4 }}
spec:
  {{- if hasKey $c.pdb "minAvailable" }}
  minAvailable: {{ $c.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $c.pdb.maxUnavailable | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "unitize.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}
