#!/usr/bin/env bash
# Replaces Synchronization.Mutex with CPSKit's TSan-visible `Locked` box (see Support/Locked.swift).
set -euo pipefail
for f in "$@"; do
  sed -i -E 's/\bMutex</Locked</g; s/\bMutex\(/Locked(/g; /^import Synchronization$/d' "$f"
done
