"""Tests of the frontend's translations.

Two kinds of check, both without a server:

- a heuristic scan of ``src/`` for user-facing text that does not go through
  the translator (``trans.__``, ``trans._n``, ``trans._p``, ``trans._np``);
- the Russian catalog in ``jupyter_dvc_s3/locale/`` against the template and
  the sources: every string translated, no fuzzy guesses, placeholders kept,
  and the compiled ``.json`` and ``.mo`` files in step with the ``.po``.

``scripts/translations.py`` regenerates the template and the catalogs.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

polib = pytest.importorskip("polib")

REPO_ROOT = Path(__file__).resolve().parent.parent
SRC = REPO_ROOT / "src"
LOCALE_DIR = REPO_ROOT / "jupyter_dvc_s3" / "locale"
DOMAIN = "jupyter_dvc_s3"
RU_DIR = LOCALE_DIR / "ru_RU" / "LC_MESSAGES"
REGENERATE = "run `python scripts/translations.py` and translate the new strings"

RUSSIAN_PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)

# --- Scan of the sources

#: Text between a JSX tag's `>` and the next tag, such as `<b>Save</b>`.
#: The `>` must follow a quote, a brace, a slash or a name, as it does at the
#: end of a tag, so that comparisons such as `a > b` do not match.
JSX_TEXT = re.compile(r"""(?<=["'}\w/])>([^<>{}]*)</?[A-Za-z>]""")

#: A string literal as the value of a user-facing JSX attribute, such as
#: `title="Save"` or `placeholder={'Name'}`.
JSX_ATTRIBUTE = re.compile(
    r"""\b(title|label|caption|placeholder|alt|aria-label|aria-description)"""
    r"""\s*=\s*\{?\s*(["'`])((?:(?!\2).)*)\2"""
)

#: A string literal as the value of a user-facing object property or widget
#: field, such as `label: 'Save'` or `widget.title.caption = 'Save'`.
PROPERTY = re.compile(
    r"""\b(title|label|caption|placeholder|body|message|hint|tooltip)"""
    r"""\s*(?::|=(?!=))\s*(["'`])((?:(?!\2).)*)\2"""
)

#: A string literal passed straight to a JupyterLab notification.
NOTIFICATION = re.compile(r"""\bNotification\.\w+\(\s*(["'`])((?:(?!\1).)*)\1""")

#: Literals that look like text but are not shown to the user, as
#: (file relative to `src/`, literal). Keep this list short: a new entry
#: needs a reason that reviewers accept.
ALLOWED = {
    # A commit message recorded in git, which the whole team reads, so it
    # stays in English like the default commit message template.
    ("model.ts", "Restore version ${shortSha(current.commit)}"),
}


def strip_comments(source: str) -> str:
    """Blank out `//` and `/* */` comments, keeping line numbers."""
    source = re.sub(
        r"/\*.*?\*/",
        lambda match: re.sub(r"[^\n]", " ", match.group()),
        source,
        flags=re.S,
    )
    return re.sub(r"(?m)(^|[^:\\'\"`])//.*$", r"\1", source)


def has_words(text: str) -> bool:
    """Return whether text contains a word of two letters outside `${...}`."""
    return re.search(r"[A-Za-z]{2}", re.sub(r"\$\{[^}]*\}", "", text)) is not None


def looks_like_code(text: str) -> bool:
    """Return whether a JSX text candidate is code between two `<`, `>`.

    Type arguments such as `useState<string | null>(null); ... <` and the
    code between two JSX blocks match `JSX_TEXT` too. Text with `=` or `;`
    counts as code.

    NOTE: so JSX text that contains a semicolon is not checked.
    """
    return re.search(r"[=;]", text) is not None


def find_untranslated_text(path: Path, root: Path = SRC) -> list[tuple[int, str]]:
    """Return (line, text) of the user-facing literals in one source file.

    ``root`` is the folder that the paths in ``ALLOWED`` are relative to.
    """
    source = strip_comments(path.read_text(encoding="utf-8"))
    relative = path.relative_to(root).as_posix()
    # A `title="..."` attribute matches two patterns; the dict keeps it once.
    findings: dict[int, str] = {}

    def add(position: int, text: str) -> None:
        text = " ".join(text.split())
        if has_words(text) and (relative, text) not in ALLOWED:
            findings[position] = text

    if path.suffix == ".tsx":
        for match in JSX_TEXT.finditer(source):
            if not looks_like_code(match.group(1)):
                add(match.start(1), match.group(1))
        for match in JSX_ATTRIBUTE.finditer(source):
            add(match.start(3), match.group(3))
    for match in PROPERTY.finditer(source):
        add(match.start(3), match.group(3))
    for match in NOTIFICATION.finditer(source):
        add(match.start(2), match.group(2))
    return [
        (source.count("\n", 0, position) + 1, text)
        for position, text in sorted(findings.items())
    ]


def source_files() -> list[Path]:
    """Return the frontend sources, without tests and type declarations."""
    return sorted(
        path
        for path in SRC.rglob("*.ts*")
        if path.suffix in {".ts", ".tsx"}
        and not path.name.endswith(".d.ts")
        and "__tests__" not in path.parts
    )


def test_sources_found():
    assert len(source_files()) > 10


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("<div>Save version</div>", ["Save version"]),
        ("<div>\n  Save version\n</div>", ["Save version"]),
        ('<button title="Cancel the job">', ["Cancel the job"]),
        ("<input placeholder={'Your name'} />", ["Your name"]),
        ("const item = { label: 'Open panel' };", ["Open panel"]),
        ("widget.title.caption = 'DVC models';", ["DVC models"]),
        ("Notification.error('Push failed');", ["Push failed"]),
        ("<div>{trans.__('Save version')}</div>", []),
        ("<button title={trans.__('Cancel')}>", []),
        ("const item = { label: trans.__('Open panel') };", []),
        ("if (a > b && c < d) {", []),
        ('<div className="jp-DvcS3-x" data-code={code}>', []),
        ("// label: 'not code'", []),
        ("const hint = { hint: '' };", []),
        ("<dd title={`${result.size}`}>", []),
        ("const [a, setA] = useState<string | null>(null);\nreturn <b>", []),
        ("const message = `Saved ${path}`;", ["Saved ${path}"]),
    ],
)
def test_scanner_cases(tmp_path, snippet, expected):
    path = tmp_path / "Example.tsx"
    path.write_text(snippet, encoding="utf-8")

    found = [text for _, text in find_untranslated_text(path, root=tmp_path)]

    assert found == expected


def test_sources_wrap_user_text():
    findings = [
        f"src/{path.relative_to(SRC).as_posix()}:{line}: {text!r}"
        for path in source_files()
        for line, text in find_untranslated_text(path)
    ]

    assert findings == [], (
        "user-facing text outside trans.__/_n/_p; wrap it, or add it to "
        "ALLOWED in this test when it is not shown to the user:\n" + "\n".join(findings)
    )


# --- The catalogs


def catalog_keys(catalog) -> set[tuple[str | None, str, str]]:
    """Return (context, msgid, plural msgid) of every live catalog entry."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural)
        for entry in catalog
        if not entry.obsolete
    }


def placeholders(text: str) -> set[str]:
    """Return the `%1`-style and `{name}` placeholders of a string."""
    return set(re.findall(r"%\d+|\{\w+\}", text))


@pytest.fixture(scope="module")
def template():
    return polib.pofile(str(LOCALE_DIR / f"{DOMAIN}.pot"))


@pytest.fixture(scope="module")
def russian():
    return polib.pofile(str(RU_DIR / f"{DOMAIN}.po"))


def test_russian_has_template_strings(template, russian):
    missing = catalog_keys(template) - catalog_keys(russian)

    assert missing == set(), f"strings missing from the Russian .po; {REGENERATE}"


def test_russian_strings_translated(russian):
    untranslated = [
        entry.msgid
        for entry in russian
        if not entry.obsolete
        and not (
            all(entry.msgstr_plural.values()) and entry.msgstr_plural
            if entry.msgid_plural
            else entry.msgstr
        )
    ]

    assert untranslated == [], f"strings without a Russian translation; {REGENERATE}"


def test_russian_has_no_fuzzy(russian):
    fuzzy = [entry.msgid for entry in russian if "fuzzy" in entry.flags]

    assert fuzzy == [], "review these guessed translations and remove `#, fuzzy`"


def test_russian_keeps_placeholders(russian):
    wrong = []
    for entry in russian:
        if entry.obsolete:
            continue
        translations = (
            list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        )
        for translation in translations:
            # A plural form may leave out the count, as in "один файл".
            expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            if not placeholders(translation) <= expected:
                wrong.append((entry.msgid, translation))
            if not entry.msgid_plural and placeholders(translation) != expected:
                wrong.append((entry.msgid, translation))

    assert wrong == []


def test_russian_plural_forms(russian):
    assert russian.metadata["Plural-Forms"] == RUSSIAN_PLURAL_FORMS


def test_russian_plurals_have_three_forms(russian):
    for entry in russian:
        if entry.msgid_plural and not entry.obsolete:
            assert sorted(entry.msgstr_plural) == [0, 1, 2], entry.msgid


def test_compiled_json_matches_po(russian):
    data = json.loads((RU_DIR / f"{DOMAIN}.json").read_text(encoding="utf-8"))
    metadata = data.pop("")
    expected = {
        f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        for entry in russian
        if not entry.obsolete
    }

    assert metadata["domain"] == DOMAIN
    assert metadata["language"] == "ru-RU"
    assert metadata["plural_forms"] == RUSSIAN_PLURAL_FORMS
    assert set(data) == expected, REGENERATE


def test_compiled_mo_matches_po(russian):
    compiled = polib.mofile(str(RU_DIR / f"{DOMAIN}.mo"))

    assert catalog_keys(compiled) == catalog_keys(russian), REGENERATE


# --- The template against the sources


def load_translations_script():
    """Import `scripts/translations.py`, which is no package module."""
    path = REPO_ROOT / "scripts" / "translations.py"
    spec = importlib.util.spec_from_file_location("translations_script", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_template_matches_sources(template):
    pytest.importorskip("jupyterlab_translate")
    if shutil.which("jupyterlab-translate") is None or shutil.which("node") is None:
        pytest.skip("jupyterlab-translate and Node.js are needed to extract strings")
    script = load_translations_script()

    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp)
        script.stage_sources(stage)
        fresh = polib.pofile(str(script.extract_template(stage)))

    added = catalog_keys(fresh) - catalog_keys(template)
    removed = catalog_keys(template) - catalog_keys(fresh)
    assert added == set(), f"strings not in the template; {REGENERATE}"
    assert removed == set(), f"strings no longer in the sources; {REGENERATE}"
