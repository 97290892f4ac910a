#!/usr/bin/env bash
# Create the virtualenv (.venv, or $VENV) and install this package into it in
# editable mode with the given extras, such as "demo" or "test,demo".
#
#   scripts/setup-venv.sh EXTRAS
#
# pip runs only when the venv is new, when the files that the install and
# the frontend build read have changed since the last install with these
# extras, or when the installed package cannot be imported. The editable
# install runs the frontend build through the package's build hook, so
# Node.js must be installed.
set -euo pipefail

extras="${1:?usage: scripts/setup-venv.sh EXTRAS, such as demo or test,demo}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VENV:-$repo_root/.venv}"
python="${PYTHON:-python3}"
cd "$repo_root"

if ! command -v node >/dev/null; then
    echo "Node.js is missing: the frontend build needs Node.js 20 or newer." >&2
    echo "Install it (on Debian: apt-get install nodejs) and run this again." >&2
    exit 1
fi

if [ ! -x "$venv/bin/python" ]; then
    echo "Creating the virtualenv $venv"
    if ! "$python" -m venv "$venv"; then
        echo "Creating $venv with $python failed. On Debian, install python3-venv." >&2
        exit 1
    fi
fi

# The hash covers what pip and the build hook read, and the Python version.
# Each extra gets a stamp file with the hash of its last install.
stamp_prefix="$venv/.jupyter-dvc-s3-install-"
hash_inputs() {
    {
        "$venv/bin/python" --version
        {
            find pyproject.toml package.json yarn.lock .yarnrc.yml install.json \
                requirements/constraints.txt src style schema jupyter-config \
                -type f 2>/dev/null || true
        } | LC_ALL=C sort | xargs -r sha256sum
    } | sha256sum | cut -d' ' -f1
}
inputs_hash="$(hash_inputs)"

up_to_date=true
IFS=, read -r -a extra_names <<<"$extras"
for extra in "${extra_names[@]}"; do
    if [ "$(cat "$stamp_prefix$extra" 2>/dev/null)" != "$inputs_hash" ]; then
        up_to_date=false
    fi
done
if $up_to_date && [ -f jupyter_dvc_s3/labextension/package.json ] &&
    "$venv/bin/python" -c "import jupyter_dvc_s3" 2>/dev/null; then
    echo "The virtualenv $venv is up to date with extras [$extras]"
    exit 0
fi

echo "Installing jupyter_dvc_s3[$extras] into $venv (a first install takes a few minutes)"
# PIP_CONSTRAINT also applies the pins to pip's isolated build environment.
export PIP_CONSTRAINT="$repo_root/requirements/constraints.txt"
"$venv/bin/python" -m pip install -c requirements/constraints.txt -e ".[$extras]"

# The build's `jlpm install` may rewrite yarn.lock, so hash again.
inputs_hash="$(hash_inputs)"
for extra in "${extra_names[@]}"; do
    echo "$inputs_hash" >"$stamp_prefix$extra"
done
