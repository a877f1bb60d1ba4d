"""The one thing a backend does: send one prepared call and return the answer or a typed error."""

from __future__ import annotations

from typing import Protocol

from services.types import ServiceAnswer, ServiceCall


class EditBackend(Protocol):
    name: str

    def generate(self, call: ServiceCall) -> ServiceAnswer:
        """Send the call once. Raise an EditorError subclass for every failure.

        The answer is a third party's data, checked here where its format is known: at most
        the n links asked for, usage only when plausible (0 <= image_count <= n) else None,
        a short printable request id; what was dropped is in ServiceAnswer.warnings."""
        ...
