"""Logging that cannot print a key: a filter on the handlers that scrubs every record's message,
traceback and stack of anything shaped like a key or an Authorization header value, and keeps
values interpolated into a message on one line (a service's text cannot forge log lines).

app.py installs it on the root handlers and any handler a library added (such as the one the
DashScope SDK adds when DASHSCOPE_LOGGING_LEVEL is set), and also where records are made, so
that handlers created later (uvicorn's, at launch) get only scrubbed records. tests/conftest.py
installs it on handlers only: its KeyWatch handler must still see what the app really logs."""

from __future__ import annotations

import http.client
import logging
import re
from collections.abc import Iterable

from services.errors import scrub

REDACTED = "[redacted]"

# What services.errors.scrub does not know: header values given without "Bearer" (in a dict's
# repr, a raw header line, an HTTP debug dump) and api_key parameters.
_HEADER_PATTERNS = (
    # 'Authorization': 'value' / "authorization": "value" (repr of a headers dict)
    re.compile(r"""(?i)(['"]authorization['"]\s*:\s*)(['"]).*?(?<!\\)\2"""),
    # Authorization: value (to the end of the line)
    re.compile(r"""(?i)(\bauthorization\s*[:=]\s*)[^\r\n]*"""),
    # api_key=value, "api_key": "value", x-api-key: value
    re.compile(r"""(?i)(\b(?:x-)?api[_-]?key['"]?\s*[:=]\s*)(['"]?)[^\s'",;&}]+\2"""),
    # a quoted value that starts with Bearer: everything up to its closing quote (a key with
    # a space or an escaped line break in it stays inside the quotes)
    re.compile(r"""(?i)()(['"])bearer\s.*?(?<!\\)\2"""),
)
_CONTROL = re.compile(r"[\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_QUIET_LIBRARIES = ("dashscope", "urllib3")


def redact(text: str, *secrets: str | None) -> str:
    """Text with the given secrets, key-shaped strings and header values replaced."""
    for pattern in _HEADER_PATTERNS:
        text = pattern.sub(lambda m: f"{m.group(1)}{REDACTED}", text)
    return scrub(text, *secrets)


def _one_line(value: object) -> object:
    if isinstance(value, str):
        return _CONTROL.sub(lambda m: repr(m.group())[1:-1], value)
    return value


class SecretFilter(logging.Filter):
    """Scrubs records in place (so every later handler sees the scrubbed record too)."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__("")
        self.secrets: tuple[str, ...] = ()
        self.add_secrets(secrets)

    def add_secrets(self, secrets: Iterable[str | None]) -> None:
        self.secrets += tuple(s for s in secrets if s and s not in self.secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_scrubbed", False):
            return True
        try:
            args = record.args
            if isinstance(args, tuple):
                args = tuple(_one_line(a) for a in args)
            elif isinstance(args, dict):
                args = {k: _one_line(v) for k, v in args.items()}
            message = str(record.msg) % args if args else str(record.msg)
        except Exception:  # a broken format: let the handler report it as usual, scrubbed
            message = f"{record.msg!s} {record.args!r}"
        record.msg, record.args = redact(message, *self.secrets), None
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            # The exception object (its args, its frames) stays out of every handler's reach.
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text, *self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, *self.secrets)
        record._scrubbed = True
        return True


def protect(handlers: Iterable[logging.Handler], secrets: Iterable[str | None] = ()) -> None:
    """Add the filter to each handler (or the secrets to the filter it already has)."""
    secrets = tuple(secrets)
    for handler in handlers:
        present = [f for f in handler.filters if isinstance(f, SecretFilter)]
        if present:
            present[0].add_secrets(secrets)
        else:
            handler.addFilter(SecretFilter(secrets))


class _ScrubbingFactory:
    """A LogRecord factory that scrubs each record as it is made (wrapping the one before)."""

    def __init__(self, previous, secrets: Iterable[str | None]) -> None:
        self.previous = previous
        self.filter = SecretFilter(secrets)

    def __call__(self, *args, **kwargs) -> logging.LogRecord:
        record = self.previous(*args, **kwargs)
        self.filter.filter(record)
        return record


def all_handlers() -> list[logging.Handler]:
    """The root's handlers and those of every logger created so far."""
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    return [h for lg in loggers for h in lg.handlers]


def install(*secrets: str | None, at_birth: bool = True, quiet_libraries: bool = True) -> None:
    """Filter every handler there is now; with at_birth, every record as it is made, too.
    With quiet_libraries, the SDK's and urllib3's debug lines (request bodies, connection
    details) are off, and http.client never prints the request headers it sends (its
    debuglevel dumps them, Authorization included, with print)."""
    protect(all_handlers(), secrets)
    if at_birth:
        factory = logging.getLogRecordFactory()
        if isinstance(factory, _ScrubbingFactory):
            factory.filter.add_secrets(secrets)
        else:
            logging.setLogRecordFactory(_ScrubbingFactory(factory, secrets))
    if quiet_libraries:
        for name in _QUIET_LIBRARIES:
            logger = logging.getLogger(name)
            if logger.getEffectiveLevel() < logging.INFO:
                logger.setLevel(logging.INFO)
        http.client.HTTPConnection.debuglevel = 0
