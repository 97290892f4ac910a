"""Commits built in memory: the user's index is never moved or rewritten."""

from __future__ import annotations

import os

import git

from jupyter_dvc_s3.git_commit import tree_with_files


def test_tree_build_leaves_index_file(tmp_path):
    repo = git.Repo.init(tmp_path, initial_branch="dev")
    (tmp_path / "a.txt").write_text("a\n")
    repo.index.add(["a.txt"])
    repo.index.commit("Start")
    (tmp_path / "staged.txt").write_text("staged\n")
    repo.index.add(["staged.txt"])
    (tmp_path / "b.dvc").write_text("outs: []\n")
    index_path = tmp_path / ".git" / "index"
    before = os.stat(index_path)

    tree, parent = tree_with_files(repo, ["b.dvc"])

    after = os.stat(index_path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert parent.hexsha == repo.head.commit.hexsha
    assert sorted(item.path for item in tree.traverse()) == ["a.txt", "b.dvc"]
    assert sorted(path for path, _stage in git.Repo(tmp_path).index.entries) == [
        "a.txt",
        "staged.txt",
    ]
