"""Commit chosen files on top of HEAD without touching the rest of the index.

The tree of the new commit is HEAD's tree with the chosen files replaced,
built in memory, so whatever else the user staged stays staged and out of
the commit. Nothing renames or rewrites ``.git/index`` while the tree is
built: a worker killed at that point leaves the index as it was.
"""

from __future__ import annotations

import git


class UnsupportedIndexError(Exception):
    """Raised when GitPython cannot read or write the repository's index."""


def tree_with_files(
    repo: git.Repo, paths: list[str]
) -> tuple[git.Tree, git.Commit | None]:
    """Return HEAD's tree with ``paths`` taken from the working tree, and HEAD.

    ``IndexFile.new`` merges the tree in memory, unlike ``from_tree``, which
    moves ``.git/index`` aside while ``git read-tree`` runs.
    """
    parent = repo.head.commit if repo.head.is_valid() else None
    trees = [parent.tree] if parent is not None else []
    index = git.IndexFile.new(repo, *trees)
    index.add(paths, write=False)
    return index.write_tree(), parent


def commit_paths(
    repo: git.Repo,
    tree: git.Tree,
    parent: git.Commit | None,
    paths: list[str],
    message: str,
) -> git.Commit:
    """Commit ``tree`` on top of ``parent`` and stage ``paths`` to match it."""
    new_commit = git.Commit.create_from_tree(
        repo,
        tree,
        message,
        parent_commits=[parent] if parent is not None else [],
        head=True,
    )
    stage(repo, paths)
    return new_commit


def stage(repo: git.Repo, paths: list[str]) -> None:
    """Stage ``paths`` so that they do not show as changed after the commit."""
    try:
        repo.index.add(paths)
    except (AssertionError, ValueError) as error:
        # GitPython reads index versions 2 and 3 only; git's
        # feature.manyFiles setting switches to version 4.
        raise UnsupportedIndexError(str(error)) from error
