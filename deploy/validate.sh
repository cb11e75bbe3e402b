#!/usr/bin/env bash
# Validates the deployment files offline, without a container engine or a cluster:
#   - every Kubernetes manifest in deploy/k8s with kubernetes-validate --strict, against the
#     Kubernetes schemas bundled in the package (no network), for the oldest and newest versions
#     we support; an unknown field, a wrong type, or a kind/apiVersion with no schema fails;
#   - the manifests' references to one another (validate/k8s-refs.py) and kustomization.yaml;
#   - deploy/docker-compose.yml against the Compose specification's schema (check-jsonschema's
#     bundled copy) and its references (validate/compose-refs.py).
# The validators live in their own venv outside the work tree (SALES_DEPLOY_VENV to choose where).
# CI runs this from .ci/run; run it yourself after changing anything under deploy/.
set -euo pipefail
deploy="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$deploy")"
venv="${SALES_DEPLOY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/sales-engine/deploy-venv}"
# 1.30: the oldest release whose pod lifecycle has the `sleep` action (the API's preStop).
k8s_versions="${SALES_K8S_VERSIONS:-1.30.0 1.37.0}"

ensure_venv() {
  if [ -x "$venv/bin/python" ] && cmp -s "$deploy/validate/requirements.txt" "$venv/requirements.txt"; then
    return
  fi
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
    echo "== deploy: installing python3-venv from Debian's packages"
    local sudo; sudo=$([ "$(id -u)" = 0 ] || echo sudo)
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3 python3-venv
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$deploy/validate/requirements.txt"
  cp "$deploy/validate/requirements.txt" "$venv/requirements.txt"
}
ensure_venv

failed=0
manifests=()
for file in "$deploy"/k8s/*.yaml; do
  [ "$(basename "$file")" = kustomization.yaml ] || manifests+=("${file#"$repo/"}")
done
version_args=()
for v in $k8s_versions; do version_args+=(-k "$v"); done

echo "== deploy: kubernetes-validate $("$venv/bin/kubernetes-validate" --version) --strict, Kubernetes $k8s_versions, ${#manifests[@]} manifests"
# kubernetes-validate only warns (exit 0) on a kind it has no schema for, a misspelt kind or
# apiVersion included: anything but an INFO line counts as a failure here.
set +e
out=$(cd "$repo" && "$venv/bin/kubernetes-validate" --strict "${version_args[@]}" "${manifests[@]}" 2>&1)
rc=$?
set -e
printf '%s\n' "$out"
if [ "$rc" -ne 0 ] || grep -qv '^INFO ' <<<"$out"; then
  echo "FAIL deploy/k8s: kubernetes-validate reported errors or warnings"
  failed=1
fi

"$venv/bin/python" "$deploy/validate/k8s-refs.py" "$deploy/k8s" || failed=1

echo "== deploy: docker-compose.yml against the Compose specification (check-jsonschema $("$venv/bin/check-jsonschema" --version | awk '{print $NF}'))"
"$venv/bin/check-jsonschema" --builtin-schema vendor.compose-spec "$deploy/docker-compose.yml" || failed=1
"$venv/bin/python" "$deploy/validate/compose-refs.py" "$deploy" || failed=1

if [ "$failed" -ne 0 ]; then
  echo "deploy: validation FAILED"
  exit 1
fi
echo "deploy: all deployment files valid"
