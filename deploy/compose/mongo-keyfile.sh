#!/usr/bin/env bash
# Runs once in the mongo image before the replica set starts: the shared key with which the members
# authenticate to one another (MongoDB's keyfile access control). Started as root only to hand the
# fresh volume to the `mongodb` user; the key itself is written by that user, readable by it alone.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then
  chown mongodb:mongodb /keys
  exec gosu mongodb "$0" "$@"
fi
if [ -s /keys/keyfile ]; then
  echo "mongo keyfile: present, kept"
  exit 0
fi
umask 077
# 756 random bytes in base64, as MongoDB's guide makes it (openssl is not in the image).
head -c 756 /dev/urandom | base64 -w 0 > /keys/keyfile.tmp
chmod 0400 /keys/keyfile.tmp
mv /keys/keyfile.tmp /keys/keyfile
echo "mongo keyfile: written"
