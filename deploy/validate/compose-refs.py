"""What the Compose specification's schema cannot see in deploy/docker-compose.yml: services that
depend on a service not defined, volumes and networks used but not declared, files mounted from
deploy/ that do not exist, and variables with no default that deploy/.env.example does not name
(the file an operator copies). Exit 1 on any such fault.
"""
import pathlib
import re
import sys

import yaml

deploy = pathlib.Path(sys.argv[1])
text = (deploy / "docker-compose.yml").read_text()
compose = yaml.safe_load(text)
services = compose["services"]
volumes = set(compose.get("volumes") or {})
networks = set(compose.get("networks") or {})
faults = []

for name, service in services.items():
    depends = service.get("depends_on") or {}
    for target in depends if isinstance(depends, (list, dict)) else []:
        if target not in services:
            faults.append(f"{name}: depends_on {target}, which is not a service")
    used = service.get("networks") or []
    for network in used if isinstance(used, (list, dict)) else []:
        if network not in networks:
            faults.append(f"{name}: network {network} is not declared")
    for mount in service.get("volumes") or []:
        if isinstance(mount, str):
            source = mount.split(":")[0]
            kind = "bind" if source.startswith((".", "/")) else "volume"
        else:
            source, kind = mount.get("source"), mount.get("type")
        if kind == "volume" and source not in volumes:
            faults.append(f"{name}: volume {source} is not declared")
        if kind == "bind" and source.startswith(".") and not (deploy / source).exists():
            faults.append(f"{name}: mounts {source}, which does not exist in deploy/")

example = (deploy / ".env.example").read_text()
offered = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", example, re.M))
for var, modifier in re.findall(r"(?<!\$)\$\{([A-Z_][A-Z0-9_]*)(:?[-?+])?", text):
    if not modifier.endswith("-") and var not in offered:
        faults.append(f"${{{var}}} has no default and is not in .env.example")

for fault in sorted(set(faults)):
    print(f"ERROR {fault}")
print(f"compose references: {len(services)} services, {len(set(faults))} faults")
sys.exit(1 if faults else 0)
