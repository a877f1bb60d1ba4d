"""The languages of the app, their catalogues, and the choice of one from a browser's locale."""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import en, en_experiments, ja, ja_experiments, zh_cn, zh_cn_experiments

LANGUAGES = ("en", "zh-CN", "ja")
DEFAULT_LANGUAGE = "en"


def _merged(*parts: dict[str, str]) -> dict[str, str]:
    """One language's catalogue from its modules (one per part of the app); a key defined twice
    is a mistake found at import, not a word silently replaced."""
    merged: dict[str, str] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"catalogue keys defined twice: {sorted(twice)}")
        merged |= part
    return merged


CATALOGUES: dict[str, dict[str, str]] = {
    "en": _merged(en.MESSAGES, en_experiments.MESSAGES),
    "zh-CN": _merged(zh_cn.MESSAGES, zh_cn_experiments.MESSAGES),
    "ja": _merged(ja.MESSAGES, ja_experiments.MESSAGES),
}

_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:[-_]([A-Za-z0-9]{1,8}))?")


def best_language(value: str | None) -> str:
    """The app's language for a browser locale ("ja-JP") or an Accept-Language header
    ("zh-CN,zh;q=0.9,en;q=0.8"): the first one we have, by the header's own weights.
    Any Chinese gets Simplified Chinese: closer to a reader of Traditional than English is."""
    ranked: list[tuple[float, int, str]] = []  # (weight, position, tag)
    for position, part in enumerate((value or "").split(",")):
        tag, _, params = part.partition(";")
        weight = 1.0
        found = re.search(r"q\s*=\s*([0-9.]+)", params)
        if found:
            try:
                weight = float(found.group(1))
            except ValueError:
                weight = 0.0
        ranked.append((weight, position, tag))
    for weight, _, tag in sorted(ranked, key=lambda row: (-row[0], row[1])):
        match = _TAG.match(tag)
        if weight <= 0 or not match:  # q=0 means "not this one"
            continue
        primary = match.group(1).lower()
        if primary == "zh":
            return "zh-CN"
        if primary in ("ja", "en"):
            return primary
    return DEFAULT_LANGUAGE


def posix_language(env: Mapping[str, str]) -> str:
    """The app's language for a program run from a shell (qwen-edit): the locale POSIX gives
    messages, the first of LC_ALL, LC_MESSAGES and LANG that is set ("ja_JP.UTF-8" -> "ja",
    "zh_CN" -> "zh-CN"); "C", "POSIX" and anything else -> English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").strip()
        if value:
            locale = value.split(".", 1)[0].split("@", 1)[0]
            return DEFAULT_LANGUAGE if locale in ("C", "POSIX") else best_language(locale)
    return DEFAULT_LANGUAGE
