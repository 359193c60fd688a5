"""A small headless-Chromium driver over the DevTools protocol, for report tests and screenshots.

It starts Debian's ``chromium`` with the flags this machine needs (no sandbox as root, no
background networking), reads the DevTools websocket address from its stderr, attaches to one
page and records what a reader's browser would complain about: console messages, uncaught
exceptions, log errors, and every request that is not ``file:`` or ``data:``. Nothing here
downloads anything; when Chromium is not installed, :func:`chromium_path` returns None.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
)
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")
LOCAL_SCHEMES = ("file:", "data:", "about:")
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_RUN = """
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
  'best-practice']}, resultTypes: ['violations']}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.html.slice(0, 200))})))
"""


def chromium_path() -> str | None:
    """Where Chromium is, or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageReport:
    """What happened while a page loaded."""

    console: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page asked for

    @property
    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]


class Page:
    """One attached tab: send commands, collect events."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, session: str) -> None:
        self._ws = ws
        self._session = session
        self._ids = itertools.count(1000)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.report = PageReport()

    def dispatch(self, msg: dict[str, Any]) -> None:
        if "id" in msg and msg["id"] in self._waiting:
            fut = self._waiting.pop(msg["id"])
            if "error" in msg:
                fut.set_exception(RuntimeError(f"DevTools error: {msg['error']}"))
            else:
                fut.set_result(msg.get("result", {}))
            return
        if msg.get("sessionId") != self._session:
            return
        method, params = msg.get("method", ""), msg.get("params", {})
        if method == "Runtime.consoleAPICalled":
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            self.report.console.append(f"{params['type']}: {args}")
        elif method == "Runtime.exceptionThrown":
            self.report.exceptions.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.report.log_errors.append(params["entry"]["text"])
        elif method == "Network.requestWillBeSent":
            self.report.requests.append(params["request"]["url"])
        self._events.put_nowait(msg)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        msg_id = next(self._ids)
        fut: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[msg_id] = fut
        await self._ws.send_json(
            {"id": msg_id, "sessionId": self._session, "method": method, "params": params}
        )
        return await asyncio.wait_for(fut, 30)

    async def load(self, url: str) -> PageReport:
        """Navigate to ``url`` and wait for its load event."""
        self.report = PageReport()
        for domain in ("Runtime", "Log", "Network", "Page"):
            await self.send(f"{domain}.enable")
        await self.send("Page.navigate", url=url)
        while True:
            event = await asyncio.wait_for(self._events.get(), 30)
            if event.get("method") == "Page.loadEventFired":
                break
        # Let late console messages and requests (e.g. lazy images) arrive.
        await asyncio.sleep(0.3)
        return self.report

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def axe(self) -> list[dict[str, Any]]:
        """axe-core's violations on the loaded page (WCAG 2.1 A and AA, and best practice),
        as ``{"id", "impact", "nodes": [html snippets]}``. axe-core is the vendored test
        fixture ``vendor/axe.min.js``, injected through DevTools, never fetched."""
        await self.send("Runtime.evaluate", expression=AXE_SOURCE.read_text(encoding="utf-8"))
        result = await self.send(
            "Runtime.evaluate",
            expression=AXE_RUN,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"axe-core failed: {result['exceptionDetails']}")
        value: list[dict[str, Any]] = result["result"]["value"]
        return value

    async def screenshot(self, width: int = 1200, top: int = 0, height: int | None = None) -> bytes:
        """A PNG of the page at ``width`` CSS pixels, from ``top`` down ``height`` pixels
        (to the end of the page when ``height`` is None)."""
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        if height is None:
            height = int(await self.evaluate("document.documentElement.scrollHeight")) - top
        shot = await self.send(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": top, "width": width, "height": height, "scale": 1},
        )
        return base64.b64decode(shot["data"])

    async def pdf(self) -> bytes:
        """The page printed to A4 as the browser's print dialogue would."""
        out = await self.send(
            "Page.printToPDF", paperWidth=8.27, paperHeight=11.69, printBackground=False
        )
        return base64.b64decode(out["data"])


@contextlib.asynccontextmanager
async def open_page(binary: str) -> AsyncIterator[Page]:
    """Start Chromium with a fresh profile and yield one attached page; stop it afterwards."""
    with tempfile.TemporaryDirectory(prefix="civicbot-chromium-") as profile:
        proc = await asyncio.create_subprocess_exec(
            binary,
            *FLAGS,
            f"--user-data-dir={profile}",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            assert proc.stderr is not None
            ws_url = await asyncio.wait_for(_listening(proc.stderr), 30)
            async with (
                aiohttp.ClientSession() as http,
                http.ws_connect(ws_url, max_msg_size=0) as ws,
            ):
                target = await _call(ws, "Target.createTarget", url="about:blank")
                attached = await _call(
                    ws, "Target.attachToTarget", targetId=target["targetId"], flatten=True
                )
                page = Page(ws, attached["sessionId"])
                reader = asyncio.create_task(_read(ws, page))
                try:
                    yield page
                finally:
                    reader.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await reader
                    with contextlib.suppress(Exception):
                        await ws.send_json({"id": 1, "method": "Browser.close"})
        finally:
            if proc.returncode is None:
                proc.terminate()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(proc.wait(), 10)
            if proc.returncode is None:
                proc.kill()
                await proc.wait()


async def _listening(stderr: asyncio.StreamReader) -> str:
    while True:
        line = await stderr.readline()
        if not line:
            raise RuntimeError("Chromium exited before opening DevTools")
        found = _LISTENING.search(line.decode(errors="replace"))
        if found:
            # Keep draining stderr so Chromium never blocks on a full pipe.
            asyncio.get_running_loop().create_task(_drain(stderr))
            return found.group(1)


async def _drain(stderr: asyncio.StreamReader) -> None:
    while await stderr.readline():
        pass


_setup_ids = itertools.count(1)


async def _call(ws: aiohttp.ClientWebSocketResponse, method: str, **params: Any) -> Any:
    """A browser-level command before the page reader runs: read until its answer comes."""
    msg_id = next(_setup_ids)
    await ws.send_json({"id": msg_id, "method": method, "params": params})
    while True:
        msg = await asyncio.wait_for(ws.receive_json(), 30)
        if msg.get("id") == msg_id:
            if "error" in msg:
                raise RuntimeError(f"DevTools error: {msg['error']}")
            return msg["result"]


async def _read(ws: aiohttp.ClientWebSocketResponse, page: Page) -> None:
    async for msg in ws:
        if msg.type == aiohttp.WSMsgType.TEXT:
            page.dispatch(json.loads(msg.data))
