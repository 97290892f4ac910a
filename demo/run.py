"""Run JupyterLab on a fresh demo project whose DVC remote is a local S3 mock.

Starts moto's S3 server on 127.0.0.1 inside this process, creates the bucket,
builds the demo project anew and runs JupyterLab in it. The S3 server lives
until JupyterLab exits, and it keeps its objects in memory only.

    python demo/run.py                 # the demo, in demo-project/
    python demo/run.py --ui-tests      # the server for the Galata UI tests

Every run starts from scratch: the work folder is deleted and built again,
but only when it contains the marker file that this script writes, so a folder
made by anything else is never deleted.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

from moto.server import ThreadedMotoServer
from project import (
    DEFAULT_ACCESS_KEY_ID,
    DEFAULT_BUCKET,
    DEFAULT_SECRET_ACCESS_KEY,
    build_project,
    isolate_aws_environment,
)

logger = logging.getLogger("demo")

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_WORK_DIR = REPO_ROOT / "demo-project"
UI_TESTS_WORK_DIR = REPO_ROOT / "ui-tests" / "test-project"
UI_TESTS_SERVER_CONFIG = REPO_ROOT / "ui-tests" / "jupyter_server_test_config.py"
MARKER_NAME = ".jupyter-dvc-s3-demo"
DEFAULT_S3_PORT = 5555
HOST = "127.0.0.1"

# JupyterLab options that stop its calls to outside hosts: the news feed,
# the check for a newer JupyterLab and the PyPI search of the extension
# manager.
NO_OUTBOUND_OPTIONS = (
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line options."""
    parser = argparse.ArgumentParser(
        description="Run JupyterLab on a demo DVC project backed by a local S3 mock."
    )
    parser.add_argument(
        "--port",
        type=int,
        help="port of JupyterLab (default: 8888, or the next free one in demo mode)",
    )
    parser.add_argument(
        "--s3-port",
        type=int,
        default=DEFAULT_S3_PORT,
        help="port of the S3 mock on 127.0.0.1, or a free port when it is in "
        f"use (default: {DEFAULT_S3_PORT})",
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="do not open a web browser",
    )
    parser.add_argument(
        "--ui-tests",
        action="store_true",
        help="run the server for the Galata UI tests: no token, port 8888, "
        f"project in {UI_TESTS_WORK_DIR.relative_to(REPO_ROOT)}/",
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        help="folder for the project and its git origin, deleted and made "
        f"anew on each run (default: {DEMO_WORK_DIR.relative_to(REPO_ROOT)}/, "
        f"or {UI_TESTS_WORK_DIR.relative_to(REPO_ROOT)}/ with --ui-tests)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="log every request that the S3 mock receives",
    )
    return parser.parse_args(argv)


def choose_s3_port(preferred: int) -> int:
    """Return ``preferred`` if it is free on 127.0.0.1, else 0 for any free port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, preferred))
        except OSError:
            logger.warning(
                "Port %d is in use, so the S3 mock takes a free port", preferred
            )
            return 0
    return preferred


def start_s3_server(preferred_port: int) -> tuple[ThreadedMotoServer, str]:
    """Start moto's S3 server on 127.0.0.1 and return it with its endpoint URL."""
    # NOTE: ThreadedMotoServer.start() blocks forever when the port cannot be
    # bound. choose_s3_port checks the port first, but another process can
    # still take it between that check and the bind.
    server = ThreadedMotoServer(
        ip_address=HOST, port=choose_s3_port(preferred_port), verbose=False
    )
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


def prepare_work_dir(work_dir: Path) -> None:
    """Delete a work folder made by an earlier run and create it empty.

    Raises
    ------
    SystemExit
        When ``work_dir`` exists, is not empty and has no marker file, so it
        was not made by this script.
    """
    if work_dir.exists():
        if (work_dir / MARKER_NAME).is_file():
            logger.info("Deleting the previous demo in %s", work_dir)
            shutil.rmtree(work_dir)
        elif any(work_dir.iterdir()):
            raise SystemExit(
                f"Folder {work_dir} exists and was not made by the demo "
                f"(it has no {MARKER_NAME} file). Move it away or pass "
                "another --work-dir."
            )

    work_dir.mkdir(parents=True, exist_ok=True)
    (work_dir / MARKER_NAME).write_text(
        "Made by demo/run.py, which deletes this folder on its next run.\n",
        encoding="utf-8",
    )


def write_terminal_config(work_dir: Path) -> Path:
    """Write a server config whose terminals find this venv's python and dvc.

    JupyterLab's terminals start a login shell, and the shell's profile
    rebuilds PATH, so the venv that runs the demo would drop out of it.
    """
    venv_bin = Path(sys.executable).parent
    rcfile = work_dir / "terminal.bashrc"
    rcfile.write_text(
        f'[ -f ~/.bashrc ] && . ~/.bashrc\nexport PATH="{venv_bin}:$PATH"\n',
        encoding="utf-8",
    )
    config = work_dir / "jupyter_demo_config.py"
    config.write_text(
        "c.ServerApp.terminado_settings = "
        f"{{'shell_command': ['/bin/bash', '--rcfile', {str(rcfile)!r}]}}\n",
        encoding="utf-8",
    )
    return config


def jupyter_command(args: argparse.Namespace, project: Path) -> list[str]:
    """Build the command line that runs JupyterLab on ``project``."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={project}",
        *NO_OUTBOUND_OPTIONS,
    ]
    if args.ui_tests:
        command.append(f"--config={UI_TESTS_SERVER_CONFIG}")
    else:
        command.append(f"--config={write_terminal_config(project.parent)}")
    if args.port is not None:
        command.append(f"--ServerApp.port={args.port}")
    if args.no_browser:
        command.append("--no-browser")

    # Jupyter exits at start as root without --allow-root, and containers
    # where the demo or the UI tests run often run as root.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def run_jupyter(command: list[str], cwd: Path) -> int:
    """Run JupyterLab until it exits and return its exit code.

    SIGTERM is passed on to JupyterLab. SIGINT (Ctrl+C) reaches JupyterLab
    from the terminal by itself, so this process only waits for it to stop.
    """
    process = subprocess.Popen(command, cwd=cwd)

    def forward_sigterm(signum: int, frame: object) -> None:
        process.terminate()

    def ignore_sigint(signum: int, frame: object) -> None:
        logger.info("Waiting for JupyterLab to stop")

    signal.signal(signal.SIGTERM, forward_sigterm)
    signal.signal(signal.SIGINT, ignore_sigint)
    return process.wait()


def main(argv: list[str] | None = None) -> int:
    """Build the demo, run JupyterLab on it and return JupyterLab's exit code."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[demo] %(message)s")
    # DVC's init message asks the user to commit, but build_project commits.
    logging.getLogger("dvc").setLevel(logging.WARNING)
    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    if args.work_dir is not None:
        work_dir = args.work_dir.resolve()
    elif args.ui_tests:
        work_dir = UI_TESTS_WORK_DIR
    else:
        work_dir = DEMO_WORK_DIR

    # This process and JupyterLab below it see no AWS setup of the machine,
    # only the demo keys that build_project writes to .dvc/config.local.
    isolate_aws_environment(os.environ)
    if args.ui_tests:
        os.environ["JUPYTERLAB_GALATA_ROOT_DIR"] = str(work_dir / "project")

    server, endpoint_url = start_s3_server(args.s3_port)
    try:
        logger.info("S3 mock is running at %s", endpoint_url)
        prepare_work_dir(work_dir)
        project = build_project(
            work_dir / "project",
            endpoint_url,
            bucket=DEFAULT_BUCKET,
            access_key_id=DEFAULT_ACCESS_KEY_ID,
            secret_access_key=DEFAULT_SECRET_ACCESS_KEY,
            origin_dir=work_dir / "origin.git",
        )
        logger.info(
            "Demo project: %s (DVC remote s3://%s, git origin %s)",
            project,
            DEFAULT_BUCKET,
            work_dir / "origin.git",
        )
        logger.info("Starting JupyterLab. Press Ctrl+C twice to stop it.")
        return run_jupyter(jupyter_command(args, project), project)
    finally:
        server.stop()
        logger.info("S3 mock stopped")


if __name__ == "__main__":
    sys.exit(main())
