"""The one thing a backend does: send one prepared call and return the answer or a typed error."""

from __future__ import annotations

from typing import Protocol

from services.types import ServiceAnswer, ServiceCall


class EditBackend(Protocol):
    name: str

    def generate(self, call: ServiceCall) -> ServiceAnswer:
        """Send the call once. Raise an EditorError subclass for every failure."""
        ...
