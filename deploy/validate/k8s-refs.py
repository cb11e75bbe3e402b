"""What the Kubernetes schemas cannot see: how the manifests in deploy/k8s refer to one another.

The API server would refuse a Deployment whose selector misses its own pod labels only when it is
applied, and would accept a Service or PodDisruptionBudget that selects nothing, or a pod that names
a ConfigMap or Secret no manifest creates (it would then wait forever). Exit 1 on any such fault.
"""
import pathlib
import sys

import yaml

root = pathlib.Path(sys.argv[1])
faults = []
kustomization = yaml.safe_load((root / "kustomization.yaml").read_text())
listed = set(kustomization.get("resources", []))
present = {p.name for p in root.glob("*.yaml") if p.name != "kustomization.yaml"}
for name in sorted(present - listed):
    faults.append(f"kustomization.yaml: {name} is not listed in resources")
for name in sorted(listed - present):
    faults.append(f"kustomization.yaml: lists {name}, which does not exist")

docs = [(p.name, d) for p in sorted(root.glob("*.yaml")) if p.name != "kustomization.yaml"
        for d in yaml.safe_load_all(p.read_text()) if d]
named = {(d["kind"], d["metadata"]["name"]) for _, d in docs}
namespaces = {d["metadata"]["name"] for _, d in docs if d["kind"] == "Namespace"}
deployments = [(f, d) for f, d in docs if d["kind"] == "Deployment"]


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


for file, doc in docs:
    where = f"{file}: {doc['kind']}/{doc['metadata']['name']}"
    ns = doc["metadata"].get("namespace")
    if doc["kind"] != "Namespace" and ns not in namespaces:
        faults.append(f"{where}: namespace {ns!r} is created by no manifest")
    if doc["kind"] in ("Service", "PodDisruptionBudget"):
        selector = doc["spec"]["selector"]
        selector = selector.get("matchLabels", selector) if doc["kind"] == "PodDisruptionBudget" else selector
        if not any(selects(selector, d["spec"]["template"]["metadata"]["labels"]) for _, d in deployments):
            faults.append(f"{where}: selector {selector} matches no Deployment's pods")

for file, doc in deployments:
    where = f"{file}: Deployment/{doc['metadata']['name']}"
    pod = doc["spec"]["template"]
    if not selects(doc["spec"]["selector"]["matchLabels"], pod["metadata"]["labels"]):
        faults.append(f"{where}: selector does not match the pod template's labels")
    pdbs = [d for _, d in docs if d["kind"] == "PodDisruptionBudget"
            and selects(d["spec"]["selector"]["matchLabels"], pod["metadata"]["labels"])]
    if not pdbs:
        faults.append(f"{where}: no PodDisruptionBudget covers its pods")
    for volume in pod["spec"].get("volumes", []):
        if "configMap" in volume and ("ConfigMap", volume["configMap"]["name"]) not in named:
            faults.append(f"{where}: volume {volume['name']} names a ConfigMap no manifest creates")
    for container in pod["spec"]["containers"]:
        for source in container.get("envFrom", []):
            for key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                if key in source and (kind, source[key]["name"]) not in named:
                    faults.append(f"{where}: envFrom names a {kind} no manifest creates")
        ports = {p.get("name") for p in container.get("ports", [])}
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            port = container.get(probe, {}).get("httpGet", {}).get("port")
            if isinstance(port, str) and port not in ports:
                faults.append(f"{where}: {probe} uses port {port!r}, which the container does not name")

for fault in faults:
    print(f"ERROR {fault}")
print(f"k8s references: {len(docs)} resources, {len(faults)} faults")
sys.exit(1 if faults else 0)
