#!/usr/bin/env bash
# Sets up migrate on this machine, idempotently: the compilers and sandbox the verifier
# uses, torch (the CPU build 2.13.0, only when no torch is installed: a user's own build is
# kept), and the package itself in editable mode with its test tools.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v git >/dev/null 2>&1 || missing+=(git)
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing ${missing[*]}" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing ${missing[*]}" >&2
        sudo apt-get update -qq >/dev/null
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "setup: WARNING: please install ${missing[*]} with your package manager;" \
             "until then the languages that need them are reported untestable" >&2
    fi
fi

if ! "$PY" -c "import torch" >/dev/null 2>&1; then
    echo "setup: installing torch==2.13.0 (CPU build)" >&2
    "$PY" -m pip install -q --root-user-action=ignore "torch==2.13.0"
fi
"$PY" -m pip install -q --disable-pip-version-check --root-user-action=ignore -e ".[dev]"
