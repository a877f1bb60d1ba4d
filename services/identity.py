"""Who a caller is, decided on the server: a login, or a history id this server issued.

A history id given by a client is a token `h1~<id>~<mac>`: the id is random (or a login's
name, for the browser of a logged-in user), the mac an HMAC of it under a secret that never
leaves the server (not the browser-storage secret, which every visitor's page holds). A name
the client chose, an altered id, or one issued by another deployment is refused; it cannot
name another user's history.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from services.errors import EditorError
from services.messages import msg

_ID = re.compile(r"^[A-Za-z0-9_.:@-]{8,128}$")
_PREFIX = "h1"
_MAC_HEX = 32  # 128 bits of HMAC-SHA256


class IdentityError(EditorError):
    code = "InvalidHistoryId"


def refused() -> IdentityError:
    # One message for every refusal: it must not tell a forged id from an altered one.
    return IdentityError(msg("error.identity.refused"), msg("hint.identity.refused"))


class Identities:
    def __init__(self, secret: str) -> None:
        if len(secret) < 32:
            raise ValueError("the identity secret must be at least 32 characters")
        self._key = hashlib.sha256(b"history-id\0" + secret.encode()).digest()

    def _mac(self, user: str) -> str:
        digest = hmac.new(self._key, f"{_PREFIX}~{user}".encode(), hashlib.sha256)
        return digest.hexdigest()[:_MAC_HEX]

    def issue(self, user: str | None = None) -> str:
        """A token for `user` (a new random id when None)."""
        user = user or "anon-" + secrets.token_urlsafe(18)
        if not _ID.match(user):
            raise ValueError("a history user id is 8-128 of A-Z a-z 0-9 _ . : @ -")
        return f"{_PREFIX}~{user}~{self._mac(user)}"

    def verify(self, token: object) -> str:
        """The user id a token stands for, or IdentityError."""
        if not isinstance(token, str) or len(token) > 200:
            raise refused()
        prefix, _, rest = token.strip().partition("~")
        user, _, mac = rest.rpartition("~")
        if prefix != _PREFIX or not _ID.match(user) or len(mac) != _MAC_HEX:
            raise refused()
        if not hmac.compare_digest(mac, self._mac(user)):
            raise refused()
        return user

    def valid(self, token: object) -> bool:
        try:
            self.verify(token)
        except IdentityError:
            return False
        return True

    @staticmethod
    def for_login(username: str) -> str:
        """The history of a logged-in user (as kept since the first version: `user:<name>`;
        a name outside the id alphabet is hashed)."""
        user = f"user:{username}"
        return user if _ID.match(user) else "user:" + hashlib.sha256(username.encode()).hexdigest()

    def resolve(self, username: str | None, token: object, *, create: bool) -> tuple[str, str]:
        """(the user id, the token to give back) for one call: the login when there is one,
        else the token (a new one when empty and `create`)."""
        if username:
            return self.for_login(username), ""
        if (token is None or (isinstance(token, str) and not token.strip())) and create:
            fresh = self.issue()
            return self.verify(fresh), fresh
        return self.verify(token), str(token).strip()
