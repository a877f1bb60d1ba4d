"""Serving the MCP tools (ui/mcp_tools.py) with Gradio 6.31's own MCP server.

The server is on with `launch(mcp_server=True)` (`python app.py --mcp`) or Gradio's own
GRADIO_MCP_SERVER=true; its endpoint is /gradio_api/mcp/ (streamable HTTP; SSE at .../sse).

Which tools: Gradio makes every documented API endpoint a tool, and nothing else. That would
be the program API (/edit with a list of files, history_delete...), in shapes an MCP client
cannot use, and delete among them. At startup, before any request, `choose_tools` points the
server at the three MCP events of ui/mcp_tools.py instead (undocumented, so the API page is
unchanged); with a login on, at no tools at all. It sets two attributes of Gradio's
GradioMCPServer (`api_info`, `tool_to_endpoint`): internal to Gradio 6.31 (pinned), so
tests/test_mcp.py checks the tool list against the running server.
"""

from __future__ import annotations

import contextlib
import logging

from ui.mcp_tools import TOOLS

log = logging.getLogger(__name__)


def choose_tools(server) -> None:
    """Make the MCP events of ui/mcp_tools.py the server's tools, by their MCP names; none at
    all when the app has a login (launch(auth=...)): Gradio's login guards the page and the API
    routes, not the MCP route, so every tool would be open to anyone, on the operator's key."""
    if server.blocks.auth:
        server.tool_to_endpoint = {}
        log.warning("MCP tools are off: this app has a login, and MCP calls carry none.")
        return
    # The MCP events are undocumented: only the full API info describes them.
    server.api_info = server.blocks.get_api_info(all_endpoints=True)
    named = server.api_info["named_endpoints"]
    missing = [api for api in TOOLS.values() if f"/{api}" not in named]
    if missing:  # a build without them must not fall back to serving the program API
        raise RuntimeError(f"MCP tools missing from the app: {missing}")
    server.tool_to_endpoint = {
        f"{server.tool_prefix}{name}": f"/{api}" for name, api in TOOLS.items()
    }


@contextlib.asynccontextmanager
async def mcp_lifespan(app):
    """Run at startup, after Gradio made its MCP server (if it is on), before any request."""
    server = getattr(app.get_blocks(), "mcp_server_obj", None)
    if server is not None:
        choose_tools(server)
    yield
