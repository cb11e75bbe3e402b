#!/usr/bin/env bash
# Runs once in the es-gencert-cli image as uid 1000 (EventStoreDB's `eventstore` user, and the
# engine image's `node` user), before any EventStoreDB node starts. Writes into the esdb-certs volume:
#   ca/ca.crt                   the CA certificate, mounted read-only into every node and engine container
#   ca-private/ca.{crt,key}     the CA and its key, mounted into no other container
#   esdb1/ esdb2/ esdb3/        node.crt and node.key, one pair per node naming that node's own IP
#                               address and host name (a shared certificate would name none of them)
# Idempotent: certificates that exist are kept (delete the volume to issue new ones).
set -euo pipefail
cd /certs
if [ -f ca/ca.crt ]; then
  echo "esdb certificates: present, kept"
  exit 0
fi

# Generated aside and moved into place last, so an interrupted run leaves nothing half-made.
work=$(mktemp -d /certs/.work.XXXXXX)
trap 'rm -rf "$work"' EXIT
umask 077
es-gencert-cli create-ca -out "$work/ca-private"
for n in 1 2 3; do
  # The address each node replicates on (EVENTSTORE_REPLICATION_IP in
  # docker-compose.yml), the name it advertises, and localhost for its healthcheck.
  es-gencert-cli create-node -ca-certificate "$work/ca-private/ca.crt" -ca-key "$work/ca-private/ca.key" \
    -out "$work/esdb$n" -ip-addresses "172.30.240.1$n,127.0.0.1" -dns-names "esdb$n,localhost"
done
mkdir -p "$work/ca"
cp "$work/ca-private/ca.crt" "$work/ca/ca.crt"
chmod 0755 "$work/ca" "$work"/esdb?
chmod 0644 "$work/ca/ca.crt" "$work"/esdb?/node.crt
chmod 0600 "$work"/esdb?/node.key "$work/ca-private/ca.key"
for dir in ca-private esdb1 esdb2 esdb3 ca; do
  rm -rf "/certs/$dir"
  mv "$work/$dir" "/certs/$dir"
done
echo "esdb certificates: CA and 3 node certificates issued"
