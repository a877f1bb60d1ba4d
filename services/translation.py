"""Translating an instruction into English or Chinese with Qwen-MT, through the same key.

The image-edit models understand Chinese and English; an instruction in Japanese (or any other
language) is offered a translation before it is sent (ui/translate_panel.py). The translation
is one call to DashScope's text-generation endpoint with `qwen-mt-turbo`, made by the backend
(services/backends/dashscope.py) after the same per-key rate limiter as an edit, and priced
from the tokens the answer reports. No gradio here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from services.config import Settings
from services.errors import CancelledError, ValidationError
from services.language import (  # noqa: F401  (detect_language, needs_translation: re-exported)
    LANGUAGES,
    detect_language,
    language_name,
    needs_translation,
    qwen_mt_name,
)
from services.ratelimit import RateLimiter
from services.types import Credentials, TranslationAnswer, TranslationCall

MODEL = "qwen-mt-turbo"
# What the service takes as target_lang, by the app's code: only what the edit models read.
TARGETS = {"en": "English", "zh": "Chinese"}
# Qwen-MT's limit is 60 requests per minute per account in both regions (same page as below).
RATE_PER_S = 1.0
MAX_CHARACTERS = 4000  # far beyond any instruction (800 characters); Qwen-MT takes 8,192 tokens
TIMEOUT_S = 30.0  # a few words to translate: an edit's three minutes would be a long stare


@dataclass(frozen=True)
class TokenPrice:
    """USD per million tokens, as published; `cny_*` only where the price is published in CNY."""

    input_usd: float
    output_usd: float
    source: str
    input_cny: float | None = None
    output_cny: float | None = None


# Source: Alibaba Cloud Model Studio, model page "qwen-mt-turbo", pricing table ("original
# pricing, excluding limited-time promotions"), read in 2026:
#   https://www.alibabacloud.com/help/en/model-studio/qwen-mt-turbo (China (Beijing))
#   https://www.alibabacloud.com/help/ja/model-studio/qwen-mt-turbo (Beijing and Singapore)
# Both regions are published in USD there; no CNY figure was found, so none is shown.
_PAGE = "Model Studio's qwen-mt-turbo page (2026)"
PRICES: dict[str, TokenPrice] = {
    "singapore": TokenPrice(0.16, 0.49, _PAGE),
    "beijing": TokenPrice(0.101, 0.28, _PAGE),
}


@dataclass(frozen=True)
class TranslationRequest:
    text: str
    target: str = "en"  # a TARGETS code
    source: str | None = None  # a LANGUAGES code; None: detected from the text


@dataclass(frozen=True)
class TranslationResult:
    source_text: str
    text: str  # the translation
    source_lang: str | None  # the detected (or given) LANGUAGES code
    target_lang: str  # a TARGETS code
    input_tokens: int | None
    output_tokens: int | None
    cost_usd: float | None  # None: no plausible usage, or no price for the region
    cost_cny: float | None  # only where the price is published in CNY (nowhere, so far)
    price: TokenPrice | None
    model: str
    region: str
    request_id: str
    warnings: tuple[str, ...] = ()

    def describe_cost(self) -> str:
        """'31 tokens in, 12 out ≈ $0.0000109 (Singapore: $0.16 in / $0.49 out per million
        tokens, from Model Studio's qwen-mt-turbo page (2026))'."""
        if self.input_tokens is None or self.output_tokens is None:
            return "The service did not report its token count, so the cost is unknown."
        tokens = f"{self.input_tokens} tokens in, {self.output_tokens} out"
        if self.price is None or self.cost_usd is None:
            return f"{tokens}; no published price for the {self.region} region."
        p = self.price
        return (
            f"{tokens} ≈ ${self.cost_usd:.7f} ({self.region.capitalize()}: ${p.input_usd:g} in / "
            f"${p.output_usd:g} out per million tokens, from {p.source})"
        )


class TranslationBackend(Protocol):
    def translate(self, call: TranslationCall) -> TranslationAnswer:
        """Send the call once; raise an EditorError subclass for every failure."""
        ...


def cost(price: TokenPrice | None, input_tokens: int | None, output_tokens: int | None):
    """(USD, CNY or None) for this usage; (None, None) when either is unknown."""
    if price is None or input_tokens is None or output_tokens is None:
        return None, None
    usd = (input_tokens * price.input_usd + output_tokens * price.output_usd) / 1e6
    cny = None
    if price.input_cny is not None and price.output_cny is not None:
        cny = (input_tokens * price.input_cny + output_tokens * price.output_cny) / 1e6
    return usd, cny


class TranslationService:
    def __init__(self, settings: Settings, backend: TranslationBackend, limiter: RateLimiter):
        self.settings = settings
        self.backend = backend
        self.limiter = limiter  # the edits' limiter: one account, one set of limits

    def translate(
        self,
        request: TranslationRequest,
        credentials: Credentials,
        cancelled: Callable[[], bool] | None = None,
    ) -> TranslationResult:
        text = (request.text or "").strip()
        if not text:
            raise ValidationError("prompt", request.text or "", "", "Type an instruction first.")
        if len(text) > MAX_CHARACTERS:
            raise ValidationError(
                "prompt", text, f"at most {MAX_CHARACTERS} characters to translate"
            )
        if request.target not in TARGETS:
            raise ValidationError("target_lang", request.target, " or ".join(TARGETS))
        source = request.source or detect_language(text)
        call = TranslationCall(
            model=MODEL,
            text=text,
            source_lang=qwen_mt_name(source),
            target_lang=TARGETS[request.target],
            credentials=credentials,
            timeout_s=min(TIMEOUT_S, self.settings.request_timeout_s),
        )
        key = credentials.api_key.value
        rate = self.settings.rate_limit_per_s or RATE_PER_S
        if not self.limiter.acquire(key, cancelled, scope=MODEL, rate_per_s=rate):
            raise CancelledError("The translation was stopped before it was sent.")
        answer = self.backend.translate(call)
        price = PRICES.get(credentials.region)
        usd, cny = cost(price, answer.input_tokens, answer.output_tokens)
        return TranslationResult(
            source_text=text,
            text=answer.text,
            source_lang=source,
            target_lang=request.target,
            input_tokens=answer.input_tokens,
            output_tokens=answer.output_tokens,
            cost_usd=usd,
            cost_cny=cny,
            price=price,
            model=MODEL,
            region=credentials.region,
            request_id=answer.request_id,
            warnings=answer.warnings,
        )
