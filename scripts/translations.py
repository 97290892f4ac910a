"""Regenerate the frontend's translation catalogs.

    python scripts/translations.py [--check]

The script runs jupyterlab-translate on a copy of the sources that contains only
what the panel shows: ``package.json``, ``src/`` without ``src/__tests__/``,
and the settings schema in ``schema/``. Run on the repository itself, the tool
would also scan ``.venv/`` and ``ui-tests/node_modules/``.

It then writes, under ``jupyter_dvc_s3/locale/``:

- ``jupyter_dvc_s3.pot``, the template of every string wrapped in ``trans.__``,
  ``trans._n``, ``trans._p`` or ``trans._np``, and the schema's titles and
  descriptions;
- ``<locale>/LC_MESSAGES/jupyter_dvc_s3.po``, the template merged into each
  language's catalog, keeping its translations;
- ``<locale>/LC_MESSAGES/jupyter_dvc_s3.json`` and ``.mo``, the compiled
  catalogs that jupyterlab_server sends to the frontend.

Last, it prints every string that has no translation or a fuzzy one. With
``--check`` it exits with 1 when there is any.

NOTE: the catalogs include the settings schema's titles and descriptions,
but jupyterlab_server 2.28 translates schemas only with the ``.mo`` files of
installed language packs, so the Settings Editor shows ours in English.

Needs ``jupyterlab-translate`` (in the ``test`` extra), Node.js for its
TypeScript extractor, and GNU gettext's ``xgettext``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

REPO_ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "jupyter_dvc_s3"
LOCALES = ("ru_RU",)
LOCALE_DIR = REPO_ROOT / DOMAIN / "locale"


def stage_sources(stage: Path) -> None:
    """Copy the files that contain user-facing strings into ``stage``."""
    shutil.copy2(REPO_ROOT / "package.json", stage / "package.json")
    shutil.copytree(
        REPO_ROOT / "src",
        stage / "src",
        ignore=shutil.ignore_patterns("__tests__"),
    )
    shutil.copytree(REPO_ROOT / "schema", stage / "schema")

    # jupyterlab-translate reads the catalog version from
    # `<project>/package.json` when `hatch version` is not available.
    (stage / DOMAIN).mkdir()
    shutil.copy2(REPO_ROOT / "package.json", stage / DOMAIN / "package.json")


def run_tool(args: list[str], cwd: Path) -> None:
    """Run a jupyterlab-translate command and show its output only on failure.

    Raises
    ------
    subprocess.CalledProcessError
        When the command fails.
    """
    completed = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout)
        sys.stderr.write(completed.stderr)
        completed.check_returncode()


def extract_template(stage: Path) -> Path:
    """Extract the template of the sources staged in ``stage``.

    Returns
    -------
    Path
        The new ``.pot`` file, ``stage/jupyter_dvc_s3/locale/jupyter_dvc_s3.pot``.
    """
    run_tool(["jupyterlab-translate", "extract", str(stage), DOMAIN], cwd=stage)
    return stage / DOMAIN / "locale" / f"{DOMAIN}.pot"


def update_catalogs(stage: Path, locales: tuple[str, ...]) -> None:
    """Merge the template into each locale's ``.po`` and compile it.

    The committed ``.po`` files are copied into ``stage`` first, so that the
    merge keeps their translations. The old ``.pot`` and ``.json`` files are
    left out on purpose: jupyterlab-translate merges an existing template
    and an existing ``.json`` into the new ones, which would keep strings
    that were removed from the sources.
    """
    for locale in locales:
        po_path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po_path.is_file():
            target = stage / DOMAIN / "locale" / locale / "LC_MESSAGES"
            target.mkdir(parents=True)
            shutil.copy2(po_path, target / po_path.name)

    locale_args = [arg for locale in locales for arg in ("--locales", locale)]
    run_tool(
        ["jupyterlab-translate", "update", str(stage), DOMAIN, *locale_args],
        cwd=stage,
    )
    run_tool(
        ["jupyterlab-translate", "compile", str(stage), DOMAIN, *locale_args],
        cwd=stage,
    )


def copy_back(stage: Path, locales: tuple[str, ...]) -> None:
    """Copy the template and the catalogs from ``stage`` into the package."""
    staged_locale_dir = stage / DOMAIN / "locale"
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copy2(staged_locale_dir / f"{DOMAIN}.pot", LOCALE_DIR / f"{DOMAIN}.pot")

    for locale in locales:
        source = staged_locale_dir / locale / "LC_MESSAGES"
        target = LOCALE_DIR / locale / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        for suffix in (".po", ".json", ".mo"):
            shutil.copy2(source / f"{DOMAIN}{suffix}", target / f"{DOMAIN}{suffix}")


def find_untranslated(po_path: Path) -> list[polib.POEntry]:
    """Return the entries of a catalog that lack a reviewed translation.

    An entry counts when its translation, or any of its plural forms, is
    empty, or when it is marked fuzzy: pybabel marks a guess from a similar
    old string that way, and the ``.json`` catalog would still ship it.
    """
    catalog = polib.pofile(str(po_path))
    missing = []
    for entry in catalog:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural.values()
            has_translation = bool(forms) and all(forms)
        else:
            has_translation = bool(entry.msgstr)
        if not has_translation or "fuzzy" in entry.flags:
            missing.append(entry)
    return missing


def report_untranslated(locales: tuple[str, ...]) -> int:
    """Print the strings without a translation; return how many there are."""
    total = 0
    for locale in locales:
        po_path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
        missing = find_untranslated(po_path)
        total += len(missing)
        for entry in missing:
            state = "fuzzy" if "fuzzy" in entry.flags else "untranslated"
            context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
            print(f"{locale}: {state}{context}: {json.dumps(entry.msgid)}")
        print(
            f"{locale}: {len(missing)} of {len(polib.pofile(str(po_path)))} "
            "strings need a translation"
        )
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit with 1 when a string has no translation or a fuzzy one",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dvc-s3-i18n-") as tmp:
        stage = Path(tmp)
        stage_sources(stage)
        update_catalogs(stage, LOCALES)
        copy_back(stage, LOCALES)

    missing = report_untranslated(LOCALES)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
