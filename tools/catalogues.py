"""Keep the interface's gettext catalogues in step (see docs/TRANSLATING.md).

    python tools/catalogues.py add KEY --id TEXT --en TEXT [--comment TEXT]
        Add KEY with its Indonesian and English text, after the last key that shares the
        longest part of its name, to every catalogue (untranslated in the other languages)
        and to the template. The comment for translators defaults to the neighbour's.
    python tools/catalogues.py template
        Rewrite drawing/locale/jejaring.pot from the Indonesian catalogue (every key with its
        comments, no text), after keys were renamed or removed there by hand; then
        ``pybabel update -N`` brings the other languages in line.

Files are written as Babel writes them, so ``pybabel update`` leaves them unchanged.
"""

from __future__ import annotations

import argparse
import io
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "drawing" / "locale"
DOMAIN = "jejaring"
HEADER = "# Jejaring interface strings (msgid = key). See docs/TRANSLATING.md."


def template_path(locale_dir: Path) -> Path:
    """Where the template of ``locale_dir`` lives."""
    return locale_dir / f"{DOMAIN}.pot"


def po_paths(locale_dir: Path) -> dict[str, Path]:
    """Language -> its catalogue file."""
    return {
        path.parent.parent.name: path
        for path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    }


def read(path: Path) -> Catalog:
    """The catalogue stored at ``path``."""
    with path.open("rb") as source:
        return read_po(source, domain=DOMAIN, abort_invalid=True)


def write(path: Path, catalog: Catalog) -> None:
    """Store ``catalog`` at ``path`` the way ``pybabel update`` would."""
    out = io.BytesIO()
    write_po(out, catalog)
    path.write_bytes(out.getvalue())


def placeholder_note(text: str) -> list[str]:
    """The translators' comment that names the ``{placeholders}`` of ``text``, if any."""
    names = [
        "{" + n + "}"
        for n in dict.fromkeys(f for _, f, _, _ in string.Formatter().parse(text) if f)
    ]
    if not names:
        return []
    if len(names) == 1:
        return [f"Keep {names[0]} as written: the app fills it in."]
    both = ", ".join(names[:-1]) + " and " + names[-1]
    return [f"Keep {both} as written: the app fills them in."]


def template_of(source: Catalog) -> Catalog:
    """The template of ``source``: its keys and translators' comments without texts."""
    template = Catalog(
        domain=DOMAIN,
        project=source.project,
        version=source.version,
        header_comment=HEADER,
        creation_date=source.creation_date,
        last_translator=source.last_translator,
        language_team=source.language_team,
    )
    for message in source:
        if message.id:
            template.add(message.id, "", auto_comments=message.auto_comments)
    return template


def _neighbour(keys: list[str], key: str) -> int:
    """Index after which ``key`` goes: the last key sharing the most leading name parts."""
    parts = key.split(".")
    best, where = -1, len(keys) - 1
    for index, other in enumerate(keys):
        shared = 0
        for mine, theirs in zip(parts, other.split("."), strict=False):
            if mine != theirs:
                break
            shared += 1
        if shared and shared >= best:
            best, where = shared, index
    return where


def insert(catalog: Catalog, message: Message, after: str | None) -> None:
    """Put ``message`` into ``catalog`` right after the key ``after`` (at the end if None)."""
    keys = [m.id for m in catalog if m.id]
    tail = keys[keys.index(after) + 1 :] if after in keys else []
    moved = [catalog[k] for k in tail]
    for key in tail:
        del catalog[key]
    catalog[message.id] = message
    for old in moved:
        catalog[old.id] = old


def add(key: str, texts: dict[str, str], comment: str | None, locale_dir: Path) -> None:
    """Add ``key`` to every catalogue and the template (see the module's help)."""
    paths = po_paths(locale_dir)
    missing = {"id", "en"} - set(texts) or {"id", "en"} - set(paths)
    if missing:
        raise SystemExit(f"need the Indonesian and English text and catalogue: {sorted(missing)}")
    source = read(paths["id"])
    keys = [m.id for m in source if m.id]
    if key in keys:
        raise SystemExit(f"{key} is already in the catalogues")
    after = keys[_neighbour(keys, key)] if keys else None
    context = [comment] if comment else list(source[after].auto_comments[:1]) if after else []
    comments = context + placeholder_note(texts["id"])
    for lang, path in paths.items():
        catalog = source if lang == "id" else read(path)
        insert(catalog, Message(key, texts.get(lang, ""), auto_comments=comments), after)
        write(path, catalog)
    write(template_path(locale_dir), template_of(source))


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    adding = commands.add_parser("add", help="add a key to every catalogue and the template")
    adding.add_argument("key")
    adding.add_argument("--id", required=True, dest="id_text", help="the Indonesian text")
    adding.add_argument("--en", required=True, dest="en_text", help="the English text")
    adding.add_argument("--comment", help="context for translators (where the text shows)")
    commands.add_parser("template", help="rewrite the template from the Indonesian catalogue")
    args = parser.parse_args(argv)
    if args.command == "add":
        texts = {"id": args.id_text, "en": args.en_text}
        add(args.key, texts, args.comment, args.locale_dir)
    else:
        source = read(po_paths(args.locale_dir)["id"])
        write(template_path(args.locale_dir), template_of(source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
