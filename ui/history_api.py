"""Public endpoints over the history, for programs. Who the caller is comes from the server:
the login of the request, or the `user_id` an /edit answer returned (signed by this server, so
a name the caller made up, or an altered id, is refused). No call can reach another user's
entries or any path outside the history."""

from __future__ import annotations

import re

import gradio as gr

from services.container import Services
from services.history import Entry
from ui.files import publish, publish_all
from ui.handlers import as_user_error
from ui.mcp_tools import build_mcp_history


def _ids(text: str | None) -> list[str]:
    return [t for t in re.split(r"[\s,]+", text or "") if t]


def _summary(entry: Entry) -> dict:
    data = entry.manifest()
    data["inputs"] = [
        i if i.startswith(("http://", "https://")) else f"file:{i}" for i in entry.inputs
    ]
    return data


def build_history_api(services: Services) -> None:
    store = services.history

    def caller(user_id: str | None, request: gr.Request) -> str:
        """The history this call may touch: the login's, else the signed id's."""
        username = getattr(request, "username", None)
        return services.identities.resolve(username, user_id, create=False)[0]

    with gr.Column(visible=False):
        user_id = gr.Textbox(label="user_id")
        search = gr.Textbox(label="search")
        model = gr.Textbox(label="model")
        status = gr.Textbox(label="status")
        entry_id = gr.Textbox(label="entry_id")
        entry_ids = gr.Textbox(label="entry_ids")
        listing = gr.JSON(label="entries")
        files = gr.File(label="files", file_count="multiple")
        meta = gr.JSON(label="entry")
        result = gr.JSON(label="result")
        archive = gr.File(label="zip")
        buttons = [gr.Button(visible=False) for _ in range(5)]

    def history_list(user_id: str, search: str, model: str, status: str, request: gr.Request):
        """List this user's edits, newest first.

        Args:
            user_id: the user_id your /edit answers returned (ignored when logged in).
            search: text to look for in instructions (empty for all).
            model: only this model (empty for all).
            status: "ok", "failed" or empty for both.
        """
        user = caller(user_id, request)
        found = store.list(user, search=search or "", model=model or None, status=status or None)
        return [_summary(e) for e in found]

    def history_entry(user_id: str, entry_id: str, request: gr.Request):
        """One edit: its input and output files, and everything needed to run it again.

        Args:
            user_id: the user_id your /edit answers returned (ignored when logged in).
            entry_id: from history_list or an /edit answer.
        """
        entry = store.get(caller(user_id, request), entry_id)
        return publish_all([*entry.local_inputs(), *entry.output_paths()]), _summary(entry)

    def history_delete(user_id: str, entry_ids: str, request: gr.Request):
        """Delete edits and their files.

        Args:
            user_id: the user_id your /edit answers returned (ignored when logged in).
            entry_ids: ids separated by commas or spaces, or "all".
        """
        user = caller(user_id, request)
        if (entry_ids or "").strip().lower() == "all":
            return {"deleted": store.delete_all(user)}
        return {"deleted": store.delete(user, _ids(entry_ids))}

    def history_export(user_id: str, entry_ids: str, request: gr.Request):
        """A zip of edits (images and manifest.json).

        Args:
            user_id: the user_id your /edit answers returned (ignored when logged in).
            entry_ids: ids separated by commas or spaces; empty for all.
        """
        ids = _ids(entry_ids)
        return publish(store.export(caller(user_id, request), ids or None))

    def history_fetch(user_id: str, entry_id: str, request: gr.Request):
        """Download outputs of an edit whose links failed at the time (they live 24 hours).

        Args:
            user_id: the user_id your /edit answers returned (ignored when logged in).
            entry_id: an entry whose pending_urls is not empty.
        """
        entry = services.editor.fetch_pending(caller(user_id, request), entry_id)
        return publish_all(entry.output_paths()), _summary(entry)

    wiring = [
        (history_list, [user_id, search, model, status], listing),
        (history_entry, [user_id, entry_id], [files, meta]),
        (history_delete, [user_id, entry_ids], result),
        (history_export, [user_id, entry_ids], archive),
        (history_fetch, [user_id, entry_id], [files, meta]),
    ]
    for button, (fn, inputs, outputs) in zip(buttons, wiring, strict=True):
        button.click(
            as_user_error(fn), inputs, outputs, api_name=fn.__name__, concurrency_limit=None
        )
    # Listing and reading (not deleting) as MCP tools, for agents (ui/mcp_tools.py).
    build_mcp_history(services, caller, _summary)
