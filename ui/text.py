"""Text that came from a person or a service (an instruction, a request id, an error message,
a warning quoting cut text, a URL, a model name from a history row), made to show as exactly
that text wherever the UI puts it. Use these at the edge, where the text meets a component.

How Gradio 6.31 shows text (read in its frontend, gradio/templates/frontend/assets):
- gr.Markdown parses Markdown (marked, GitHub flavour: autolinks `www.x` and `http://x`), then
  passes the HTML through a Sanitizer-API polyfill that removes script, style, link, meta and
  every on* attribute and javascript: link, but keeps form, input, button, img and a; when the
  text holds `$$` it also runs KaTeX. Use `markdown()` / `code()`.
- Toasts (gr.Error, gr.Warning, gr.Info) put the message through the same sanitizer and set it
  as HTML; no Markdown. Use `toast()`.
- Gallery captions (a text node, and the image's alt and title), CheckboxGroup and Dropdown
  labels and Textbox values are text. Use `plain()`: escaping there would show `&lt;`.
"""

from __future__ import annotations

import html
import re
import string

# Characters that are not text: C0/C1 controls (newline and tab kept) and the bidirectional
# overrides and isolates that reorder what follows them (a file name or URL can be made to
# read backwards). Each is shown as U+FFFD, so that something visibly stood there.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Every ASCII punctuation character as a numeric reference. Markdown treats a character
# reference as literal text, never as syntax, and HTML shows it as the character: so *, _, `,
# [, ], <, >, #, |, !, $ (KaTeX), : and . (autolinks), & (entities) all read as themselves.
_MARKDOWN = str.maketrans({ch: f"&#{ord(ch)};" for ch in string.punctuation})


def plain(value: object, *, one_line: bool = False) -> str:
    """The value as text for a component that shows text as text (captions, labels)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _NOT_TEXT.sub("\ufffd", text)
    return " ".join(text.split()) if one_line else text


def markdown(value: object) -> str:
    """Markdown that renders as exactly this text, inline: line breaks become <br>, so that no
    line of it can start a heading, a list, a quote or a code block."""
    return "<br>".join(_markdown_line(line) for line in plain(value).split("\n"))


def _markdown_line(line: str) -> str:
    line = line.replace("\t", "    ")
    body = line.lstrip(" ")
    # Leading spaces would indent a code block (where references are not decoded).
    return "&#32;" * (len(line) - len(body)) + body.translate(_MARKDOWN)


def code(value: object) -> str:
    """Markdown for the value in a monospace span. Not a backtick span: references are not
    decoded inside one, and a backtick in the value would end it."""
    return f"<code>{markdown(value)}</code>"


def toast(value: object) -> str:
    """A toast message (gr.Error/Warning/Info) that shows as this text. Only &, < and > are
    escaped: the rest of the message reaches API clients unchanged as well."""
    return html.escape(plain(value), quote=False)
