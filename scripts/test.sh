#!/usr/bin/env bash
# Run every test suite: the frontend's jest tests, the server's pytest tests
# and the Galata UI tests in Chromium.
#
#   scripts/test.sh
#
# Sets up .venv with the test and demo extras first, like scripts/demo.sh.
# Every suite runs even when an earlier one fails, and the script exits with
# 1 when any of them failed. The UI tests need port 8888 free and Chromium at
# /usr/bin/chromium (or at $CHROMIUM_PATH). When it is missing and the script
# runs as root, it installs Debian's chromium package with apt-get.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VENV:-$repo_root/.venv}"
cd "$repo_root"

if ! bash scripts/setup-venv.sh test,demo; then
    echo "Setting up the virtualenv failed; no tests ran." >&2
    exit 1
fi
export PATH="$venv/bin:$PATH"

failed=()

run_suite() {
    local name="$1"
    shift
    echo
    echo "=== $name"
    local start=$SECONDS
    if "$@"; then
        echo "=== $name passed in $((SECONDS - start)) s"
    else
        echo "=== $name FAILED in $((SECONDS - start)) s" >&2
        failed+=("$name")
    fi
}

ensure_chromium() {
    local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
    if [ -x "$chromium" ]; then
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's chromium package for the UI tests"
        apt-get update && apt-get install -y chromium
        return
    fi
    echo "Chromium is missing at $chromium. Install it, for example with" >&2
    echo "  sudo apt-get install chromium" >&2
    echo "or set CHROMIUM_PATH to a Chromium binary." >&2
    return 1
}

jest_tests() {
    jlpm install && jlpm test
}

# The body is a subshell, so `cd` does not change the script's folder.
ui_tests() (
    ensure_chromium || exit 1
    cd ui-tests && jlpm install && jlpm playwright test
)

run_suite "jest" jest_tests
run_suite "pytest" python -m pytest --ignore=tests/test_fuzz.py
# The fuzz run gets a process of its own: compiling schemathesis's modules in
# its thread while server threads import DVC has crashed CPython 3.11's
# compiler with a SystemError.
run_suite "API fuzzing" python -m pytest tests/test_fuzz.py
run_suite "auth check" python scripts/check-auth.py
run_suite "Galata UI tests" ui_tests

echo
if [ ${#failed[@]} -gt 0 ]; then
    echo "Failed: ${failed[*]}" >&2
    exit 1
fi
echo "All test suites passed."
