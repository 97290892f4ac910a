"""Build a demo project: a git repo with DVC, an S3 remote and a trained model.

The project mirrors what a data scientist has on the platform: a git repo on
branch ``dev`` pushed to ``origin`` and DVC with an S3 bucket as its default
remote. A freshly trained model is in ``pkl/model.pkl`` but not yet tracked
by DVC, so the first thing to do is save a version of it from the panel.

Run as a script to build a project against an S3 endpoint that already runs::

    python demo/project.py DIR --endpoint-url http://127.0.0.1:5555

The bucket is created when it does not exist yet, because DVC never creates
buckets. The keys go only to ``.dvc/config.local``, which git ignores.
"""

from __future__ import annotations

import argparse
import logging
import os
import runpy
import sys
from pathlib import Path

import boto3
import git
from botocore.exceptions import ClientError
from dvc.repo import Repo as DvcRepo

logger = logging.getLogger(__name__)

BRANCH = "dev"
REMOTE_NAME = "storage"
DEFAULT_BUCKET = "b-a"
DEFAULT_ACCESS_KEY_ID = "demo-access-key"
DEFAULT_SECRET_ACCESS_KEY = "demo-secret-key"
GIT_USER_NAME = "Demo User"
GIT_USER_EMAIL = "demo@example.com"
MODEL_PATH = "pkl/model.pkl"

# Variables through which boto3 would read the machine's own AWS setup: keys,
# profiles, config files and endpoint overrides. The demo talks to a local
# S3 mock only, so none of them may leak in.
AWS_VARIABLES_TO_REMOVE = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "AWS_CA_BUNDLE",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
)

TRAIN_PY = '''\
"""Train a decision tree on the iris data set and pickle it to pkl/model.pkl.

Rerun with other settings to get a new model to save as a new version:

    python train.py --max-depth 2
"""

import argparse
import pickle
from pathlib import Path

from sklearn.datasets import load_iris
from sklearn.tree import DecisionTreeClassifier

MODEL_PATH = Path(__file__).resolve().parent / "pkl" / "model.pkl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--max-depth", type=int, default=3, help="maximum depth of the tree"
    )
    parser.add_argument(
        "--random-state", type=int, default=0, help="seed of the tree's splits"
    )
    args = parser.parse_args()

    iris = load_iris()
    model = DecisionTreeClassifier(
        max_depth=args.max_depth, random_state=args.random_state
    )
    model.fit(iris.data, iris.target)
    accuracy = model.score(iris.data, iris.target)

    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    with MODEL_PATH.open("wb") as file:
        pickle.dump(model, file)
    print(f"Wrote {MODEL_PATH.name}: training accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
'''

README_MD = """\
# Iris classifier: a jupyter-dvc-s3 demo project

This project was made by the jupyter-dvc-s3 demo. It is a git repo on
branch `{branch}`, pushed to a local bare repo as `origin`, with DVC set up
to store model files in the S3 bucket `{bucket}` (remote `{remote}`).

- `train.py` trains a decision tree on the iris data set and pickles it to
  `{model}`.
- `{model}` is not saved anywhere yet. Open the DVC panel in the left
  sidebar, select it and press **Save version**. That runs, in order,
  `dvc add`, `dvc push`, a git commit of `{model}.dvc` and
  `pkl/.gitignore`, and `git push origin {branch}`.
- Run `python train.py --max-depth 2` in a terminal to get a different
  model, then save it again: each version is one git commit.

The DVC remote's S3 endpoint is {endpoint}.
When the demo command made this project, that endpoint is an in-memory S3
mock that lives only as long as the command runs, so the saved objects are
gone when it stops. The S3 keys are in `.dvc/config.local`, which git
ignores.
"""


def isolate_aws_environment(environ: dict[str, str] | os._Environ[str]) -> None:
    """Keep boto3 and DVC away from the machine's own AWS setup and proxies.

    Removes AWS keys, profiles and endpoint overrides from ``environ`` and
    points the AWS config and credentials files at a path that does not
    exist. Also turns off the EC2 instance metadata lookup, lets requests to
    127.0.0.1 and localhost bypass any HTTP proxy and turns off DVC's usage
    reports.
    """
    for name in AWS_VARIABLES_TO_REMOVE:
        environ.pop(name, None)

    missing_file = os.path.join(os.devnull, "no-aws-config")
    environ["AWS_CONFIG_FILE"] = missing_file
    environ["AWS_SHARED_CREDENTIALS_FILE"] = missing_file
    environ["AWS_EC2_METADATA_DISABLED"] = "true"

    for name in ("NO_PROXY", "no_proxy"):
        hosts = [host for host in environ.get(name, "").split(",") if host]
        for local_host in ("127.0.0.1", "localhost"):
            if local_host not in hosts:
                hosts.append(local_host)
        environ[name] = ",".join(hosts)

    # DVC's command line sends usage reports, but the DVC API does not. This
    # covers `dvc` commands that a user runs in a terminal of the demo.
    environ["DVC_NO_ANALYTICS"] = "1"


def create_bucket(
    endpoint_url: str,
    bucket: str = DEFAULT_BUCKET,
    access_key_id: str = DEFAULT_ACCESS_KEY_ID,
    secret_access_key: str = DEFAULT_SECRET_ACCESS_KEY,
) -> None:
    """Create ``bucket`` at ``endpoint_url`` unless it already exists.

    Raises
    ------
    botocore.exceptions.ClientError
        When the endpoint rejects the request for another reason than the
        bucket being there already.
    """
    client = boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=access_key_id,
        aws_secret_access_key=secret_access_key,
    )
    try:
        client.create_bucket(Bucket=bucket)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
            raise
    logger.info("Bucket %s is ready at %s", bucket, endpoint_url)


def build_project(
    project_dir: str | os.PathLike[str],
    endpoint_url: str,
    bucket: str = DEFAULT_BUCKET,
    access_key_id: str = DEFAULT_ACCESS_KEY_ID,
    secret_access_key: str = DEFAULT_SECRET_ACCESS_KEY,
    origin_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Build the demo project in ``project_dir`` and return its path.

    Parameters
    ----------
    project_dir
        Folder of the project. It must be missing or empty.
    endpoint_url
        S3 endpoint, such as ``http://127.0.0.1:5555``. The bucket is created
        there first.
    bucket
        Bucket of the DVC remote ``storage``.
    access_key_id, secret_access_key
        S3 keys, written only to ``.dvc/config.local``.
    origin_dir
        Folder of the bare git repo that becomes ``origin``. The default is
        ``origin.git`` beside ``project_dir``. It must be missing or empty.

    Raises
    ------
    FileExistsError
        When ``project_dir`` or ``origin_dir`` is a non-empty folder.
    """
    project = Path(project_dir).resolve()
    origin = (
        Path(origin_dir).resolve()
        if origin_dir is not None
        else project.parent / "origin.git"
    )
    for folder in (project, origin):
        if folder.exists() and any(folder.iterdir()):
            raise FileExistsError(
                f"Folder {folder} is not empty. Delete it or choose another folder."
            )

    create_bucket(endpoint_url, bucket, access_key_id, secret_access_key)
    repo = _init_git(project, origin)
    _init_dvc(project, endpoint_url, bucket, access_key_id, secret_access_key)
    _write_files(project, endpoint_url, bucket)
    _commit_and_push(repo)
    _train_model(project)

    logger.info("Built the demo project in %s with origin %s", project, origin)
    return project


def _init_git(project: Path, origin: Path) -> git.Repo:
    git.Repo.init(origin, bare=True, mkdir=True, initial_branch=BRANCH)
    repo = git.Repo.init(project, mkdir=True, initial_branch=BRANCH)

    with repo.config_writer() as config:
        config.set_value("user", "name", GIT_USER_NAME)
        config.set_value("user", "email", GIT_USER_EMAIL)
    repo.create_remote("origin", str(origin))
    return repo


def _init_dvc(
    project: Path,
    endpoint_url: str,
    bucket: str,
    access_key_id: str,
    secret_access_key: str,
) -> None:
    dvc_repo = DvcRepo.init(str(project))
    try:
        with dvc_repo.config.edit() as config:
            config["remote"][REMOTE_NAME] = {
                "url": f"s3://{bucket}",
                "endpointurl": endpoint_url,
            }
            config["core"]["remote"] = REMOTE_NAME

        with dvc_repo.config.edit("local") as config:
            config["remote"][REMOTE_NAME] = {
                "access_key_id": access_key_id,
                "secret_access_key": secret_access_key,
            }
    finally:
        dvc_repo.close()


def _write_files(project: Path, endpoint_url: str, bucket: str) -> None:
    (project / "train.py").write_text(TRAIN_PY, encoding="utf-8")
    readme = README_MD.format(
        branch=BRANCH,
        bucket=bucket,
        remote=REMOTE_NAME,
        model=MODEL_PATH,
        endpoint=endpoint_url,
    )
    (project / "README.md").write_text(readme, encoding="utf-8")

    # Python caches and notebook checkpoints stay out of the commits.
    (project / ".gitignore").write_text(
        "__pycache__/\n.ipynb_checkpoints/\n", encoding="utf-8"
    )


def _commit_and_push(repo: git.Repo) -> None:
    # `git add -A` honours .gitignore, so .dvc/config.local stays out.
    repo.git.add(A=True)
    repo.index.commit("Set up the iris project with DVC and an S3 remote")

    infos = repo.remote("origin").push(
        refspec=f"refs/heads/{BRANCH}:refs/heads/{BRANCH}", set_upstream=True
    )
    for info in infos:
        if info.flags & info.ERROR:
            raise RuntimeError(f"git push to origin failed: {info.summary.strip()}")


def _train_model(project: Path) -> None:
    # The model comes from the project's own train.py. With scikit-learn 1.9
    # its default settings give a byte-identical pickle on every run.
    saved_argv = sys.argv
    sys.argv = [str(project / "train.py")]
    try:
        runpy.run_path(str(project / "train.py"), run_name="__main__")
    finally:
        sys.argv = saved_argv


def main(argv: list[str] | None = None) -> None:
    """Build a demo project from the command line."""
    parser = argparse.ArgumentParser(
        description="Build a demo git + DVC project whose remote is an S3 bucket."
    )
    parser.add_argument("project_dir", help="folder to create the project in")
    parser.add_argument(
        "--endpoint-url",
        required=True,
        help="S3 endpoint URL, such as http://127.0.0.1:5555",
    )
    parser.add_argument(
        "--bucket", default=DEFAULT_BUCKET, help="S3 bucket of the DVC remote"
    )
    parser.add_argument(
        "--access-key-id",
        default=DEFAULT_ACCESS_KEY_ID,
        help="S3 access key ID, written to .dvc/config.local",
    )
    parser.add_argument(
        "--secret-access-key",
        default=DEFAULT_SECRET_ACCESS_KEY,
        help="S3 secret access key, written to .dvc/config.local",
    )
    parser.add_argument(
        "--origin-dir",
        help="folder of the bare git repo used as origin "
        "(default: origin.git beside the project)",
    )
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # DVC's init message asks the user to commit, but build_project commits.
    logging.getLogger("dvc").setLevel(logging.WARNING)
    isolate_aws_environment(os.environ)
    build_project(
        args.project_dir,
        args.endpoint_url,
        bucket=args.bucket,
        access_key_id=args.access_key_id,
        secret_access_key=args.secret_access_key,
        origin_dir=args.origin_dir,
    )


if __name__ == "__main__":
    main()
