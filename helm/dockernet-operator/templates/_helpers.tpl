{{/* Chart name, cut to the 63 characters Kubernetes allows in labels. */}}
{{- define "dockernet-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: the release name, unless it already contains the chart name. */}}
{{- define "dockernet-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "dockernet-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dockernet-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dockernet-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "dockernet-operator.labels" -}}
helm.sh/chart: {{ include "dockernet-operator.chart" . }}
{{ include "dockernet-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dockernet
{{- end }}

{{- define "dockernet-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dockernet-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "dockernet-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Where the remote engine's TLS files are mounted (DOCKER_CERT_PATH). */}}
{{- define "dockernet-operator.engineTlsPath" -}}
/etc/dockernet/engine-tls
{{- end }}

{{/* slf4j-simple reads its settings from system properties: level and line format. */}}
{{- define "dockernet-operator.javaToolOptions" -}}
{{- $opts := list .Values.jvmOptions (printf "-Dorg.slf4j.simpleLogger.defaultLogLevel=%s" .Values.logging.level) }}
{{- if eq .Values.logging.format "detailed" }}
{{- $opts = append $opts "-Dorg.slf4j.simpleLogger.showDateTime=true" }}
{{- $opts = append $opts "-Dorg.slf4j.simpleLogger.dateTimeFormat=\"yyyy-MM-dd'T'HH:mm:ss.SSSXXX\"" }}
{{- $opts = append $opts "-Dorg.slf4j.simpleLogger.showThreadName=true" }}
{{- else }}
{{- $opts = append $opts "-Dorg.slf4j.simpleLogger.showThreadName=false" }}
{{- end }}
{{- join " " (compact $opts) }}
{{- end }}

{{/* Refuse value combinations that would deploy something broken. */}}
{{- define "dockernet-operator.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) }}
{{- fail "replicaCount > 1 needs leaderElection.enabled=true: two operators acting on one engine race each other" }}
{{- end }}
{{- if eq .Values.engine.mode "remote" }}
{{- if not .Values.engine.remote.endpoint }}
{{- fail "engine.mode=remote needs engine.remote.endpoint (tcp://host:port)" }}
{{- end }}
{{- if not .Values.engine.remote.tlsSecretName }}
{{- fail "engine.mode=remote needs engine.remote.tlsSecretName: a plain TCP engine is root for anyone who reaches its port" }}
{{- end }}
{{- end }}
{{- end }}
