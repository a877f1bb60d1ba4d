"""The Experiments tab's setup, read into an ExperimentSpec (no gradio here).

Only the shape is read here (lines, numbers, files); whether the run may go ahead (an empty
axis, too many requests, a request the editor would refuse) is the service's call
(services/experiments: ExperimentRefused), so the tab, the API and the tests meet one rule."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from services.errors import ValidationError
from services.experiments import ExperimentSpec, InputSet, draw_seeds
from services.messages import DEFAULT_LANGUAGE, msg
from services.messages import text as said
from services.validation import SEED_MAX, SEED_MIN, as_int, parse_size
from ui import choices

MAX_SEED_COUNT = 1000  # a count beyond any cap: the service says how many a run may have


@dataclass
class ExperimentForm:
    """What the tab's controls say, by name."""

    prompts: str = ""
    seed_count: float | None = 1
    seeds: str = ""
    models: list[str] = field(default_factory=list)
    photos: list[str] = field(default_factory=list)
    use_editor: bool = False
    editor_images: list[str | None] = field(default_factory=list)
    negative_prompt: str = ""
    n: float | None = 1
    size_choice: str | None = None
    prompt_extend: bool = True
    watermark: bool = False
    region: str = "singapore"
    name: str = ""

    def to_spec(self, lang: str = DEFAULT_LANGUAGE) -> ExperimentSpec:
        size = choices.size_from_choice(self.size_choice, None, None)
        return ExperimentSpec(
            prompts=prompt_lines(self.prompts),
            seeds=seed_axis(self.seed_count, self.seeds),
            models=tuple(dict.fromkeys(self.models or ())),
            input_sets=self.input_sets(lang),
            negative_prompt=(self.negative_prompt or "").strip(),
            n=int(self.n or 1),  # a Radio of whole numbers
            size=parse_size(size) if size else None,
            prompt_extend=bool(self.prompt_extend),
            watermark=bool(self.watermark),
            region=self.region or "singapore",
            name=" ".join((self.name or "").split())[:80],
        )

    def input_sets(self, lang: str) -> tuple[InputSet, ...]:
        """One set per photo; the editor's images (1-3, in their slots' order) as one more."""
        sets = [InputSet((Path(p),), Path(p).name) for p in self.photos or () if p]
        if self.use_editor:
            images = tuple(Path(p) for p in self.editor_images if p)
            if images:
                sets.append(InputSet(images, said("exptab.editor_set", lang)))
        return tuple(sets)


def prompt_lines(value: str | None) -> tuple[str, ...]:
    """One instruction per line; blank lines and repeats dropped, order kept."""
    lines = (line.strip() for line in (value or "").splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


def seed_axis(count: float | None, listed: str | None) -> tuple[int, ...]:
    """The seeds written in the list box ('11, 42 7'), or else `count` random ones. A word
    that is not a seed is refused with the seed's own rule, in the reader's language."""
    allowed = msg("allowed.seed", low=SEED_MIN, high=SEED_MAX)
    words = [w for w in re.split(r"[\s,;、，]+", listed or "") if w]
    if words:
        seeds = []
        for word in words:
            seed = as_int("seed", word, allowed)
            if not SEED_MIN <= seed <= SEED_MAX:
                raise ValidationError("seed", word, allowed)
            seeds.append(seed)
        return tuple(dict.fromkeys(seeds))
    number = as_int("seed", count if count is not None else 0, allowed)
    return draw_seeds(max(0, min(number, MAX_SEED_COUNT)))
