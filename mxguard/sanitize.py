"""Make untrusted text inert before it reaches a terminal or a document: escape sequences are removed,
other control characters, bidi overrides and lone surrogates become U+FFFD."""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST, e.g. OSC 8 links and
# OSC 52 clipboard writes), DCS/SOS/PM/APC (ESC P|X|^|_ ... ST), and two-character escapes; plus the
# 8-bit C1 forms (CSI U+009B, OSC U+009D, ...).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[@-Z\\-_]?",
    re.DOTALL,
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(text: str, keep_newlines: bool = True) -> str:
    """The text with escape sequences removed and other controls replaced by U+FFFD."""
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("\ufffd", text)
    return text if keep_newlines else text.replace("\n", " ").replace("\t", " ")


def one_line(text: str) -> str:
    return clean(text, keep_newlines=False)
