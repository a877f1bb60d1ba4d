"""DashScope error codes and the JSON error body every failure uses.

The table mirrors the general code table in dashscope-sdk-notes.md (HTTP status and the
service's usual message per code). The emulator keeps its own copy on purpose: it stands in
for a third-party service, so it must not share validation or wording with the app.
"""

from __future__ import annotations

import json
import uuid

CODE_TABLE: dict[str, tuple[int, str]] = {
    "InvalidParameter": (
        400,
        "Required parameter(s) missing or invalid, please check the request parameters.",
    ),
    "DataInspectionFailed": (400, "Input or output data may contain inappropriate content."),
    "BadRequest.EmptyInput": (400, "Required input parameter missing from request."),
    "BadRequest.EmptyParameters": (400, 'Required parameter "parameters" missing from request.'),
    "BadRequest.EmptyModel": (400, 'Required parameter "model" missing from request.'),
    "InvalidURL": (400, "Invalid URL provided in your request."),
    "Arrearage": (400, "Access denied, please make sure your account is in good standing."),
    "InternalError.Algo": (400, "Missing Content-Length of multimodal url."),
    "InvalidApiKey": (401, "Invalid API-key provided."),
    "AccessDenied": (403, "Access denied."),
    "AccessDenied.Unpurchased": (
        403,
        "Access to model denied. Please make sure you are eligible for using the model.",
    ),
    "ModelNotFound": (404, "Model can not be found."),
    "BadRequest.TooLarge": (413, "Payload Too Large."),
    "BadRequest.InputDownloadFailed": (415, "Failed to download the input file."),
    "BadRequest.UnsupportedFileFormat": (415, "Input file format is not supported."),
    "Throttling": (429, "Requests throttling triggered."),
    "Throttling.RateQuota": (429, "Requests rate limit exceeded, please try again later."),
    "Throttling.AllocationQuota": (
        429,
        "Allocated quota exceeded, please increase your quota limit.",
    ),
    "LimitRequests": (429, "You exceeded your current requests list."),
    "InternalError": (
        500,
        "An internal error has occured, please try again later or contact service support.",
    ),
    "InternalError.Timeout": (
        500,
        "An internal timeout error has occured during execution, please try again later.",
    ),
    "SystemError": (500, "An system error has occured, please try again later."),
    "ModelUnavailable": (503, "Model is unavailable, please try again later."),
}

# The full-width "！" is what the real service sends (spring-ai-alibaba#3219).
URL_ERROR = "url error, please check url！"


class ApiError(Exception):
    """A failure the service answers as `{"request_id","code","message"}` with `status`."""

    def __init__(self, code: str, message: str | None = None, status: int | None = None) -> None:
        default_status, default_message = CODE_TABLE.get(code, (500, code))
        self.code = code
        self.message = message if message is not None else default_message
        self.status = status if status is not None else default_status
        super().__init__(f"{self.status} {code}: {self.message}")


def new_request_id() -> str:
    return str(uuid.uuid4())


def error_body(code: str, message: str, request_id: str) -> bytes:
    # ensure_ascii=False: the service answers in raw UTF-8 (see the full-width "！").
    return json.dumps(
        {"request_id": request_id, "code": code, "message": message}, ensure_ascii=False
    ).encode("utf-8")
