"""Typed values that cross module boundaries: requests in, results out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# An input image: an uploaded file (Path), raw bytes, or text: an http(s) URL or a data:image
# URI (str). Text is never taken for a path.
ImageSource = str | Path | bytes


@dataclass(frozen=True)
class Size:
    width: int
    height: int

    def __str__(self) -> str:
        return f"{self.width}*{self.height}"


@dataclass(frozen=True)
class RegionRequest:
    """Edit only a painted part of image 1 (services/region_edit): white in the mask is the
    part to change; the result keeps every other pixel of the full-resolution original."""

    mask: Path  # same size as image 1
    margin: float = 0.35  # context around the region sent with it, as a share of its size
    feather: int | None = None  # width of the soft seam in pixels; None: 2 % of the crop


@dataclass(frozen=True)
class EditRequest:
    images: tuple[ImageSource, ...]
    prompt: str
    negative_prompt: str = ""
    model: str = "qwen-image-edit-plus"
    n: int = 1
    size: Size | None = None  # None: the service picks ~1024*1024 at the last image's ratio
    seed: int | None = None  # None: the service draws one and records it
    prompt_extend: bool | None = None  # None: leave it to the service's default
    watermark: bool = False
    region: RegionRequest | None = None  # None: the whole image, as the service edits it


@dataclass(frozen=True)
class PreparedImage:
    """One image as it is sent: a data: URI or an http(s) URL, plus what we know of it."""

    ref: str
    mime: str | None
    width: int | None
    height: int | None
    byte_size: int | None  # encoded size before base64; None for a URL
    data: bytes | None = None  # the encoded bytes sent (None for a URL), kept for history
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApiKey:
    """A key that does not print itself: repr and str show only a masked form."""

    value: str

    def masked(self) -> str:
        return f"{self.value[:3]}…{self.value[-2:]}" if len(self.value) > 8 else "…"

    def __repr__(self) -> str:
        return f"ApiKey({self.masked()})"

    __str__ = __repr__


@dataclass(frozen=True)
class Credentials:
    api_key: ApiKey
    region: str  # a REGIONS name, or "custom"
    base_url: str  # ends in /api/v1


@dataclass(frozen=True)
class ServiceCall:
    """Exactly what goes to the endpoint: one user message and its parameters."""

    model: str
    images: tuple[str, ...]
    prompt: str
    parameters: dict[str, object]
    credentials: Credentials
    timeout_s: float


@dataclass(frozen=True)
class Usage:
    width: int
    height: int
    image_count: int


@dataclass(frozen=True)
class ServiceAnswer:
    image_urls: tuple[str, ...]
    usage: Usage | None
    request_id: str
    warnings: tuple[str, ...] = ()  # what was dropped from the answer, in words for the user


@dataclass(frozen=True)
class CostEstimate:
    usd: float | None  # None when the price is not published
    images: int
    unit_price: float | None
    region: str

    def describe(self) -> str:
        if self.usd is None:
            return f"{self.images} image(s); price not published for this model/region"
        return f"${self.usd:.4f} ({self.images} × ${self.unit_price:g}, {self.region})"


@dataclass(frozen=True)
class EditResult:
    images: tuple[Path, ...]
    request_id: str
    seed: int
    usage: Usage | None
    elapsed_s: float
    cost: CostEstimate
    model: str
    region: str
    warnings: tuple[str, ...] = ()
    prepared: tuple[PreparedImage, ...] = field(default=(), repr=False)
    parameters: dict[str, object] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    entry_id: str | None = None  # the history entry that keeps this result
    raw_images: tuple[Path, ...] = ()  # region edits: the model's outputs before stitching


@dataclass(frozen=True)
class TranslationCall:
    """Exactly what goes to the text-generation endpoint for one Qwen-MT translation."""

    model: str
    text: str
    source_lang: str  # a Qwen-MT language name ("Japanese") or "auto"
    target_lang: str  # "English" or "Chinese"
    credentials: Credentials
    timeout_s: float


@dataclass(frozen=True)
class TranslationAnswer:
    text: str
    input_tokens: int | None  # None: the answer's usage was missing or implausible
    output_tokens: int | None
    request_id: str
    warnings: tuple[str, ...] = ()
