"""A local stand-in for DashScope's image-edit endpoint, for tests and the app's demo mode.

It speaks `POST /api/v1/services/aigc/multimodal-generation/generation` as the reference
documents it (auth, validation, error codes, signed expiring result URLs), renders visibly
fake but deterministic PNGs, and can be told to misbehave (`inject`) so retries, timeouts
and every documented error can be exercised for real. It also speaks the text-generation
endpoint for Qwen-MT (`qwen-mt-*`), answering with a marked stand-in translation ("[EN
translation of: ...]"; textgen.py), its requests in `translations`, its faults queued with
`inject(kind, endpoint="text")`. Standard library plus Pillow only; it shares nothing with
the rest of `services/` on purpose: it plays a third party.

    with Emulator(keys={"sk-test"}).start() as emu:
        dashscope.base_http_api_url = emu.base_url
        emu.inject("throttle", times=2)

Real-host mode answers with result links on DashScope's own OSS host names and serves them
itself, acting as the client's proxy (TLS included, with a throwaway CA), so an app downloads
them through its real code path with no network:

    with Emulator(result_host="dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com") as emu:
        os.environ.update(emu.client_env)  # HTTPS_PROXY, HTTP_PROXY, REQUESTS_CA_BUNDLE, NO_PROXY

Modules: codes (error table), inputs (image decoding and fetching), rules (model table and
validation), render (the PNGs), textgen (Qwen-MT translations), faults, ratelimit, store
(result URLs), records (the request log), service (one request end to end), server (HTTP and
`Emulator`), proxy and tls (real-host mode; tls alone needs `cryptography`, imported only in
that mode), realistic (`Emulator(realistic=True, drift=...)`: model-like outputs with a known
drift; it uses services.region_edit.drift, numpy and OpenCV, imported only in that mode).
"""

from .codes import CODE_TABLE
from .faults import FAULT_OPTIONS
from .proxy import DASHSCOPE_RESULT_HOSTS, ProxyRequest
from .records import RecordedRequest
from .rules import MODELS
from .server import Emulator

FAULT_KINDS = tuple(FAULT_OPTIONS)

__all__ = [
    "CODE_TABLE",
    "DASHSCOPE_RESULT_HOSTS",
    "FAULT_KINDS",
    "MODELS",
    "Emulator",
    "ProxyRequest",
    "RecordedRequest",
]
