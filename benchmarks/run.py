"""Measure the extension against the dvc and git command lines.

    python benchmarks/run.py version [--size-mib 1024] [--rounds 2]
    python benchmarks/run.py models [--files 1000]

``version`` saves a version of a random file through the REST API and the
same steps with the ``dvc`` and ``git`` command lines, against a moto S3
server on 127.0.0.1. While the REST job runs, a second client times
``GET /api/status`` and a sampler reads the Jupyter server's RSS.

``models`` times ``GET dvc-s3/models`` on a repo with many tracked files
against ``dvc data status`` on the same repo.

Each prints a Markdown table for docs/benchmarks.md. The command lines run
here only to compare; the extension itself never calls them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager, redirect_stdout, suppress
from pathlib import Path

import boto3
import git
import psutil

VENV_BIN = Path(sys.executable).parent
ACCESS_KEY_ID = "bench-key"
SECRET_ACCESS_KEY = "bench-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def bench_environment(home: Path) -> dict[str, str]:
    """Return an environment that keeps the machine's AWS settings out."""
    env = dict(os.environ)
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
    ):
        env.pop(name, None)
    env.update(
        AWS_CONFIG_FILE=str(home / "no-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / "no-aws-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        DVC_NO_ANALYTICS="1",
        NO_PROXY="127.0.0.1,localhost",
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    return env


@contextmanager
def moto_server(env: dict[str, str]):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def jupyter_server(root: Path, env: dict[str, str]):
    port = free_port()
    token = secrets.token_hex(16)
    log = open(root.parent / "jupyter.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            f"--ServerApp.root_dir={root}",
            f"--ServerApp.port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            "--ServerApp.open_browser=False",
            "--ServerApp.allow_root=True",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}", token, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def request(
    base: str, token: str, method: str, route: str, body: object = None
) -> object:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        f"{base}/{route}",
        data=data,
        method=method,
        headers={"Authorization": f"token {token}"},
    )
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.loads(response.read() or b"null")


def make_project(path: Path, endpoint: str, bucket: str, env: dict[str, str]) -> None:
    """Create a git repo on dev with a bare origin and DVC with an S3 remote."""
    with redirect_stdout(sys.stderr):
        _make_project(path, endpoint, bucket)


def _make_project(path: Path, endpoint: str, bucket: str) -> None:
    from dvc.repo import Repo

    origin = path.parent / f"{path.name}-origin.git"
    git.Repo.init(origin, bare=True, initial_branch="dev")
    repo = git.Repo.init(path, initial_branch="dev")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Bench")
        config.set_value("user", "email", "bench@example.com")
    with Repo.init(os.fspath(path)) as dvc:
        with dvc.config.edit() as config:
            config["remote"]["storage"] = {
                "url": f"s3://{bucket}",
                "endpointurl": endpoint,
            }
            config["core"]["remote"] = "storage"
        with dvc.config.edit("local") as config:
            config["remote"]["storage"] = {
                "access_key_id": ACCESS_KEY_ID,
                "secret_access_key": SECRET_ACCESS_KEY,
            }
    repo.index.add([".dvc/config", ".dvc/.gitignore", ".dvcignore"])
    repo.index.commit("Start")
    repo.create_remote("origin", os.fspath(origin))
    repo.remote("origin").push("refs/heads/dev:refs/heads/dev")
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
    ).create_bucket(Bucket=bucket)


def write_random_file(path: Path, size_mib: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as stream:
        for _chunk in range(size_mib):
            stream.write(os.urandom(1 << 20))


def run_cli(project: Path, env: dict[str, str]) -> float:
    """Save a version with the dvc and git command lines; return seconds."""
    commands = [
        ["dvc", "add", "pkl/model.pkl"],
        ["dvc", "push"],
        ["git", "add", "pkl/model.pkl.dvc", "pkl/.gitignore"],
        ["git", "commit", "-q", "-m", "Save version"],
        ["git", "push", "-q", "origin", "dev"],
    ]
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_rest(base: str, token: str, server: subprocess.Popen, api_path: str) -> dict:
    """Save a version through REST while timing /api/status and sampling RSS."""
    process = psutil.Process(server.pid)
    rss_before = process.memory_info().rss
    latencies: list[float] = []
    rss_peak = rss_before
    worker_peak = 0
    stop = threading.Event()

    def poll_status() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            request(base, token, "GET", "api/status")
            latencies.append((time.perf_counter() - started) * 1000)
            stop.wait(0.05)

    def sample_rss() -> None:
        nonlocal rss_peak, worker_peak
        while not stop.is_set():
            rss_peak = max(rss_peak, process.memory_info().rss)
            for child in process.children(recursive=True):
                with suppress(psutil.NoSuchProcess):
                    worker_peak = max(worker_peak, child.memory_info().rss)
            stop.wait(0.2)

    threads = [
        threading.Thread(target=poll_status),
        threading.Thread(target=sample_rss),
    ]
    started = time.perf_counter()
    job = request(
        base, token, "POST", "dvc-s3/jobs", {"action": "version", "path": api_path}
    )
    for thread in threads:
        thread.start()
    while job["state"] in ("queued", "running"):
        time.sleep(0.2)
        job = request(base, token, "GET", f"dvc-s3/jobs/{job['id']}")
    elapsed = time.perf_counter() - started
    stop.set()
    for thread in threads:
        thread.join()
    if job["state"] != "succeeded":
        raise RuntimeError(f"the version job failed: {job['error']}")
    return {
        "seconds": elapsed,
        "status_p50_ms": statistics.median(latencies),
        "status_p99_ms": percentile(latencies, 0.99),
        "status_samples": len(latencies),
        "rss_growth_mb": (rss_peak - rss_before) / 1e6,
        "worker_peak_mb": worker_peak / 1e6,
    }


def bench_version(size_mib: int, rounds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="dvc-s3-bench-"))
    env = bench_environment(work)
    os.environ.update(
        {key: env[key] for key in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")}
    )
    root = work / "root"
    root.mkdir()
    results = []
    try:
        with (
            moto_server(env) as endpoint,
            jupyter_server(root, env) as (base, token, server),
        ):
            for number in range(rounds):
                rest_project = root / f"rest{number}"
                cli_project = root / f"cli{number}"
                make_project(rest_project, endpoint, f"rest-{number}", env)
                make_project(cli_project, endpoint, f"cli-{number}", env)
                write_random_file(rest_project / "pkl" / "model.pkl", size_mib)
                write_random_file(cli_project / "pkl" / "model.pkl", size_mib)
                # Both files are written before either side runs; flush them
                # so that neither side pays for the other's writeback.
                os.sync()
                # Alternate the order so that neither side always runs second.
                if number % 2 == 0:
                    cli = run_cli(cli_project, env)
                    rest = run_rest(base, token, server, f"rest{number}/pkl/model.pkl")
                else:
                    rest = run_rest(base, token, server, f"rest{number}/pkl/model.pkl")
                    cli = run_cli(cli_project, env)
                results.append({"cli_seconds": cli, **rest})
                print(json.dumps(results[-1]), file=sys.stderr)
                shutil.rmtree(rest_project / ".dvc" / "cache")
                shutil.rmtree(cli_project / ".dvc" / "cache")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"Version job, {size_mib} MiB random file, {rounds} rounds, {machine()}\n")
    print(
        "| round | command lines (s) | REST job (s) | ratio | /api/status p50 (ms) | p99 (ms) | samples | server RSS growth (MB) | worker peak RSS (MB) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for number, result in enumerate(results, start=1):
        print(
            f"| {number} | {result['cli_seconds']:.1f} | {result['seconds']:.1f} | "
            f"{result['seconds'] / result['cli_seconds']:.3f} | {result['status_p50_ms']:.1f} | "
            f"{result['status_p99_ms']:.1f} | {result['status_samples']} | "
            f"{result['rss_growth_mb']:.1f} | {result['worker_peak_mb']:.0f} |"
        )
    total_rest = sum(result["seconds"] for result in results)
    total_cli = sum(result["cli_seconds"] for result in results)
    print(f"\nRatio of the totals: {total_rest / total_cli:.3f}")


def bench_models(files: int, requests: int) -> None:
    from dvc.repo import Repo

    work = Path(tempfile.mkdtemp(prefix="dvc-s3-bench-"))
    env = bench_environment(work)
    root = work / "root"
    root.mkdir()
    project = root / "many"
    try:
        with moto_server(env) as endpoint:
            make_project(project, endpoint, "many", env)
            targets = []
            for number in range(files):
                path = project / "models" / f"m{number:04d}.pkl"
                path.parent.mkdir(exist_ok=True)
                path.write_bytes(os.urandom(256))
                targets.append(os.fspath(path))
            # DVC prints advice for every file; keep stdout for the table.
            from dvc.ui import ui

            ui.disable()
            with Repo(os.fspath(project)) as dvc:
                dvc.add(targets)
            repo = git.Repo(project)
            repo.index.add(
                [f"models/m{number:04d}.pkl.dvc" for number in range(files)]
                + ["models/.gitignore"]
            )
            repo.index.commit("Track many models")

            cli = []
            for _attempt in range(3):
                started = time.perf_counter()
                subprocess.run(
                    ["dvc", "data", "status", "--json"],
                    cwd=project,
                    env=env,
                    check=True,
                    capture_output=True,
                )
                cli.append(time.perf_counter() - started)

            with jupyter_server(root, env) as (base, token, _server):
                started = time.perf_counter()
                body = request(base, token, "GET", "dvc-s3/models?path=many")
                first = time.perf_counter() - started
                assert len(body["models"]) == files, len(body["models"])
                warm = []
                for _attempt in range(requests):
                    started = time.perf_counter()
                    request(base, token, "GET", "dvc-s3/models?path=many")
                    warm.append(time.perf_counter() - started)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    cli_median = statistics.median(cli)
    warm_median = statistics.median(warm)
    print(f"GET models, {files} tracked files, {machine()}\n")
    print("| measure | seconds |")
    print("|---|---|")
    print(f"| `dvc data status --json`, median of {len(cli)} | {cli_median:.3f} |")
    print(f"| `GET dvc-s3/models`, first request after start | {first:.3f} |")
    print(
        f"| `GET dvc-s3/models`, median of {len(warm)} later requests | {warm_median:.3f} |"
    )
    print(
        f"| `GET dvc-s3/models`, p95 of later requests | {percentile(warm, 0.95):.3f} |"
    )
    print(
        f"\nRatio of the medians (later requests / command line): {warm_median / cli_median:.3f}"
    )
    print(f"Ratio, first request / command line: {first / cli_median:.3f}")


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    version = commands.add_parser(
        "version", help="time a version job against the command lines"
    )
    version.add_argument(
        "--size-mib", type=int, default=1024, help="size of the random model, in MiB"
    )
    version.add_argument("--rounds", type=int, default=2, help="rounds of each side")
    models = commands.add_parser(
        "models", help="time GET models against dvc data status"
    )
    models.add_argument(
        "--files", type=int, default=1000, help="tracked files in the repo"
    )
    models.add_argument(
        "--requests", type=int, default=20, help="timed requests after the first"
    )
    args = parser.parse_args()
    if args.command == "version":
        bench_version(args.size_mib, args.rounds)
    else:
        bench_models(args.files, args.requests)


if __name__ == "__main__":
    main()
