#!/usr/bin/env bash
# Static checks of the deployment files (no Docker engine or cluster needed): YAML style, shell
# scripts, the Compose model, the Kustomize build, and the Dockerfile and manifests' schemas when
# hadolint / kubeconform are installed. A missing tool is skipped with a message; any problem
# found makes the exit status 1.
set -uo pipefail
cd "$(dirname "$0")" || exit 1

failed=0
have() { command -v "$1" > /dev/null 2>&1; }
skip() { echo "SKIP $1: $2 not installed"; }
check() { # NAME COMMAND...: runs it, reports, remembers a failure
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failed=1; fi
}

if have yamllint; then
  check yamllint yamllint -s -d '{extends: default, rules: {line-length: {max: 100},
    document-start: disable}}' compose.yaml k8s
else skip yamllint yamllint; fi

if have shellcheck; then
  check shellcheck shellcheck docker-entrypoint.sh lint.sh
else skip shellcheck shellcheck; fi

# The Compose model with every variable from the example env file; v2 (docker compose) or v1.
compose=()
if have docker && docker compose version > /dev/null 2>&1; then compose=(docker compose)
elif have docker-compose; then compose=(docker-compose); fi
if ((${#compose[@]})); then
  check "compose config (${compose[*]})" \
    "${compose[@]}" -f compose.yaml --env-file example.env config -q
else skip "compose config" "docker compose / docker-compose"; fi

kustomize=()
if have kubectl; then kustomize=(kubectl kustomize)
elif have kustomize; then kustomize=(kustomize build); fi
if ((${#kustomize[@]})); then
  check "kustomize build" "${kustomize[@]}" k8s -o /dev/null
  # kubeconform reads the Kubernetes schemas from the network unless given a local copy
  if have kubeconform; then
    check kubeconform bash -c '"$@" k8s | kubeconform -strict -summary -' _ "${kustomize[@]}"
  else skip kubeconform kubeconform; fi
else skip "kustomize build" "kubectl / kustomize"; fi

if have hadolint; then
  check hadolint hadolint Dockerfile
else skip hadolint hadolint; fi

exit "$failed"
