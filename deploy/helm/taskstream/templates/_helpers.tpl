{{/* Names ------------------------------------------------------------------------------------ */}}
{{- define "taskstream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "taskstream.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The roles, in DESIGN §2 order. */}}
{{- define "taskstream.roles" -}}
api relay recurrence scheduler notifier audit realtime
{{- end -}}

{{/* Labels ----------------------------------------------------------------------------------- */}}
{{- define "taskstream.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "taskstream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: taskstream
{{- end -}}

{{- define "taskstream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "taskstream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one role: (dict "ctx" $ "role" "api") */}}
{{- define "taskstream.roleLabels" -}}
{{ include "taskstream.labels" .ctx }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "taskstream.roleSelectorLabels" -}}
{{ include "taskstream.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{/* Strimzi copies a custom resource's labels to the pods it makes: no selector labels here, so the
     release's NetworkPolicies and Services never select Kafka's pods by accident. */}}
{{- define "taskstream.kafkaLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: taskstream
app.kubernetes.io/component: kafka
taskstream.dev/release: {{ .Release.Name }}
{{- end -}}

{{/* Image ------------------------------------------------------------------------------------ */}}
{{- define "taskstream.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "taskstream.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "taskstream.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "taskstream.daprConfigName" -}}
{{- default (include "taskstream.fullname" .) .Values.dapr.configName -}}
{{- end -}}

{{/* Secrets ---------------------------------------------------------------------------------- */}}
{{/* The Secret holding DATABASE_URL: the external one, or the in-cluster database's. */}}
{{- define "taskstream.databaseSecretName" -}}
{{- if .Values.postgres.inCluster.enabled -}}
{{- printf "%s-postgres" (include "taskstream.fullname" .) -}}
{{- else -}}
{{- required "secrets.database.existingSecret is required (a Secret holding DATABASE_URL), or set postgres.inCluster.enabled" .Values.secrets.database.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "taskstream.databaseSecretKey" -}}
{{- if .Values.postgres.inCluster.enabled -}}url{{- else -}}{{ .Values.secrets.database.key }}{{- end -}}
{{- end -}}

{{- define "taskstream.authSecretName" -}}
{{- default (printf "%s-auth" (include "taskstream.fullname" .)) .Values.secrets.auth.existingSecret -}}
{{- end -}}

{{- define "taskstream.authSecretKey" -}}
{{- if .Values.secrets.auth.existingSecret -}}{{ .Values.secrets.auth.key }}{{- else -}}secret{{- end -}}
{{- end -}}

{{/* Token Secrets of a role: (dict "ctx" $ "role" "api" "kind" "app"|"dapr"). Key: token. */}}
{{- define "taskstream.tokenSecretName" -}}
{{- printf "%s-%s-%s-token" (include "taskstream.fullname" .ctx) .role .kind -}}
{{- end -}}

{{/* A value kept across upgrades: the existing Secret's key, else a new random one.
     (dict "ctx" $ "name" "<secret>" "key" "<key>" "length" 48) */}}
{{- define "taskstream.keptRandom" -}}
{{- $existing := lookup "v1" "Secret" .ctx.Release.Namespace .name -}}
{{- if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum (int .length) -}}
{{- end -}}
{{- end -}}

{{/* Kafka ------------------------------------------------------------------------------------ */}}
{{- define "taskstream.kafkaClusterName" -}}
{{- default (printf "%s-kafka" (include "taskstream.fullname" .)) .Values.kafka.strimzi.clusterName -}}
{{- end -}}

{{- define "taskstream.kafkaBrokers" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}
{{- printf "%s-kafka-bootstrap.%s.svc:9092" (include "taskstream.kafkaClusterName" .) .Release.Namespace -}}
{{- else -}}
{{- $brokers := .Values.kafka.external.brokers -}}
{{- if kindIs "string" $brokers -}}{{- $brokers = splitList "," $brokers -}}{{- end -}}
{{- if not $brokers -}}{{- fail "kafka.external.brokers is required when kafka.mode is external" -}}{{- end -}}
{{- join "," $brokers -}}
{{- end -}}
{{- end -}}

{{/* The catalogue topics (src/domain/events.ts) and their dead-letter topics. */}}
{{- define "taskstream.topics" -}}
task-events reminders task-updates
{{- end -}}

{{/* Misc ------------------------------------------------------------------------------------- */}}
{{- define "taskstream.publicUrl" -}}
{{- if .Values.app.publicUrl -}}
{{- .Values.app.publicUrl -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host -}}
{{- end -}}
{{- end -}}

{{/* Pod- and container-level security contexts shared by everything the chart runs. */}}
{{- define "taskstream.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.runAsUser }}
runAsGroup: {{ .Values.runAsUser }}
fsGroup: {{ .Values.runAsUser }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "taskstream.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}
