"""Which language an instruction is written in, guessed from its script, offline and at once.

The image-edit models understand Chinese and English (the API reference says so), so the only
question that matters is "Chinese or English, or something else?". The script answers most of
it: kana means Japanese, Hangul Korean, Thai script Thai. Latin script is English unless enough
function words of French, Spanish, German, Italian or Portuguese outnumber the English ones.
What this cannot tell, it says plainly (see LANGUAGES): a Cyrillic text is reported as "ru"
though it may be Ukrainian; a Latin text in any other language (Dutch, Polish...) reads as
English; a short Japanese phrase written only in kanji reads as Chinese.
"""

from __future__ import annotations

import re
import unicodedata

# code -> (name shown to people, the name Qwen-MT takes as source_lang, or "auto" where the
# script alone cannot name the language).
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("English", "English"),
    "zh": ("Chinese", "Chinese"),
    "ja": ("Japanese", "Japanese"),
    "ko": ("Korean", "Korean"),
    "fr": ("French", "auto"),  # function words are a good guess, not a certainty
    "es": ("Spanish", "auto"),
    "de": ("German", "auto"),
    "it": ("Italian", "auto"),
    "pt": ("Portuguese", "auto"),
    "vi": ("Vietnamese", "auto"),
    "ru": ("Russian (or another Cyrillic-script language)", "auto"),
    "ar": ("Arabic (or another Arabic-script language)", "auto"),
    "he": ("Hebrew", "Hebrew"),
    "el": ("Greek", "Greek"),
    "th": ("Thai", "Thai"),
    "hi": ("Hindi (or another Devanagari-script language)", "auto"),
    "bn": ("Bengali", "Bengali"),
    "ta": ("Tamil", "Tamil"),
    "hy": ("Armenian", "Armenian"),
    "ka": ("Georgian", "Georgian"),
    "km": ("Khmer", "Khmer"),
    "lo": ("Lao", "Lao"),
    "my": ("Burmese", "Burmese"),
}
UNDERSTOOD = frozenset({"en", "zh"})  # what the image-edit models read

# Script -> language, by code point range. Kana and Hangul are checked before any count.
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF))
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("zh", _HAN),
    ("ru", ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))),
    ("ar", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
            (0xFE70, 0xFEFF))),
    ("he", ((0x0590, 0x05FF),)),
    ("el", ((0x0370, 0x03FF), (0x1F00, 0x1FFF))),
    ("th", ((0x0E00, 0x0E7F),)),
    ("hi", ((0x0900, 0x097F),)),
    ("bn", ((0x0980, 0x09FF),)),
    ("ta", ((0x0B80, 0x0BFF),)),
    ("hy", ((0x0530, 0x058F),)),
    ("ka", ((0x10A0, 0x10FF),)),
    ("km", ((0x1780, 0x17FF),)),
    ("lo", ((0x0E80, 0x0EFF),)),
    ("my", ((0x1000, 0x109F),)),
)  # fmt: skip
# A Han character carries about as much as a short word; a Latin letter a fifth of one. So a
# Chinese sentence with an English brand name in it is Chinese, and the reverse English.
_HAN_WEIGHT = 4


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Function words and edit verbs that belong to one language only among these six. Words two
# of them share ("en", "con", "que", "e", "a", "die", "es", "no", "as") are left out: they
# would make a guess out of a coincidence (a test checks that no word is in two sets).
_WORDS: dict[str, frozenset[str]] = {
    "en": _set(
        "the and of with make into onto from this that it is are be add remove change turn "
        "replace put wear give his her their its background photo picture image left right "
        "behind front style color colour red blue green white black more less like"
    ),
    "fr": _set(
        "les des du une et est avec dans sur pour au aux ce cette pas sont mettre mets "
        "rendre rends fond ajoute ajouter enlève enlever remplace remplacer couleur rouge "
        "bleu vert noir blanc plus derrière devant elle"
    ),
    "es": _set(
        "el los las y haz hacer fondo quita pon ponle añade agrega cambia más detrás "
        "delante rojo negro blanco imagen ella"
    ),
    "de": _set(
        "der das und mit ist ein eine einen dem den zu auf im nicht bitte mach mache füge "
        "hinzu ändere hintergrund entferne ersetze setze rot blau grün schwarz weiß mehr "
        "wie hinter vor bild trägt"
    ),
    "it": _set(
        "il lo gli della delle dello degli nel nella sullo sulla che sfondo aggiungi rendi "
        "metti rimuovi sostituisci più rosso blu nero bianco dietro davanti immagine ed"
    ),
    "pt": _set(
        "os do dos um em na ao coloque adicione mude fundo remova deixe faça não vermelho "
        "preto branco atrás frente imagem ela ele"
    ),
}
# Letters only one of them uses: a hint worth one word each (ñ is Spanish, ß German). Not
# ¿ and ¡: punctuation never changes the guess (a property test holds it to that).
_LETTERS: dict[str, str] = {
    "ñ": "es", "ß": "de", "ä": "de", "ö": "de", "ü": "de",
    "ã": "pt", "õ": "pt", "œ": "fr", "ù": "fr", "ì": "it", "ò": "it",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _in(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in ranges)


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "LATIN" in unicodedata.name(ch, "")


def detect_language(text: str) -> str | None:
    """A LANGUAGES code for the language `text` looks written in; "und" (undetermined) for
    letters of a script not listed; None when it holds no letters at all (digits,
    punctuation, emoji). See the module docstring for its limits."""
    # Letters only: a script's own punctuation and digits ("・", "،", Thai digits) say nothing.
    letters = [ch for ch in text if ch.isalpha()]
    if any(_in(ch, _KANA) for ch in letters):
        return "ja"  # Japanese writes kana in nearly every sentence; no other language does
    if any(_in(ch, _HANGUL) for ch in letters):
        return "ko"
    counts: dict[str, int] = {}
    latin = 0
    for ch in letters:
        if _is_latin(ch):
            latin += 1
            continue
        code = next((code for code, ranges in _SCRIPTS if _in(ch, ranges)), "und")
        counts[code] = counts.get(code, 0) + (_HAN_WEIGHT if code == "zh" else 1)
    if latin:
        counts["latin"] = latin
    if not counts:
        return None
    script = max(counts, key=lambda code: counts[code])  # ties: the first counted
    return _latin_language(text) if script == "latin" else script


def _latin_language(text: str) -> str:
    lowered = text.lower()
    if any(0x1EA0 <= ord(ch) <= 0x1EF9 or ch in "ơư" for ch in lowered):
        return "vi"  # letters with a dot below or a hook: Vietnamese writes them, nobody else
    scores = dict.fromkeys(_WORDS, 0)
    for word in _WORD.findall(lowered):
        for code, words in _WORDS.items():
            if word in words:
                scores[code] += 1
    for ch in lowered:
        if ch in _LETTERS:
            scores[_LETTERS[ch]] += 1
    english = scores.pop("en")
    best = max(scores, key=lambda code: scores[code])
    # Two signs at least, and more than English has: one stray "del" or "das" in an English
    # instruction (a name, a quoted word) must not set off the offer to translate.
    if scores[best] >= 2 and scores[best] > english:
        return best
    return "en"


def needs_translation(text: str) -> bool:
    """True when the instruction looks written in a language the models do not understand."""
    code = detect_language(text)
    return code is not None and code not in UNDERSTOOD


def language_name(code: str | None) -> str:
    return LANGUAGES.get(code or "", ("another language", "auto"))[0]


def qwen_mt_name(code: str | None) -> str:
    """What Qwen-MT takes as source_lang for this code: a language name, or "auto"."""
    return LANGUAGES.get(code or "", ("", "auto"))[1]
