#!/usr/bin/env bash
# Run the demo: JupyterLab with this extension on a fresh git + DVC project
# whose DVC remote is an S3 mock on 127.0.0.1.
#
#   scripts/demo.sh [--port PORT] [--s3-port PORT] [--no-browser]
#
# The first run creates .venv and installs the package with its demo extra.
# Options go to demo/run.py; see `python demo/run.py --help`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VENV:-$repo_root/.venv}"

bash "$repo_root/scripts/setup-venv.sh" demo

# Terminals opened in JupyterLab find dvc and python of the venv first.
export PATH="$venv/bin:$PATH"
exec "$venv/bin/python" "$repo_root/demo/run.py" "$@"
