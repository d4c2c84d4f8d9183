"""The Bot API requests over aiohttp instead of PTB's default httpx.

Measured against the stand-in (README, Scaling): one request costs about 2 ms of CPU through
httpx/httpcore (its connection pool checks every idle connection on each request) and about
0.2 ms through aiohttp, so a paid broadcast at 950 messages/s was CPU-bound at ~330/s in one
process. Long polling keeps PTB's httpx request (one request every few seconds).

Errors map as PTB's own request does: a timeout is ``TimedOut``, any other client failure
(refused or dropped connection) a ``NetworkError``; HTTP statuses are PTB's to interpret.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote_plus

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@lru_cache(maxsize=256)
def _quoted(value: str) -> str:
    return quote_plus(value, safe="")


def form_body(parameters: dict[str, str]) -> bytes:
    """The url-encoded form aiohttp's ``FormData`` would build (``urlencode``), with each value
    encoded once: every copy of an announcement repeats the same text and button, and encoding
    them again for each of a paid broadcast's copies cost more than the rest of the request."""
    return "&".join(f"{_quoted(name)}={_quoted(value)}" for name, value in parameters.items()).encode("ascii")


class AiohttpRequest(BaseRequest):
    def __init__(self, connection_pool_size: int = 256, read_timeout: float = 5.0, write_timeout: float = 5.0,
                 connect_timeout: float = 5.0, media_write_timeout: float = 20.0):
        self._pool_size = connection_pool_size
        self._read, self._write, self._connect = read_timeout, write_timeout, connect_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=self._pool_size),
                                                  headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data is not None and request_data.contains_files
        read = self._read if isinstance(read_timeout, DefaultValue) else read_timeout
        write = (self._media_write if files else self._write) if isinstance(write_timeout, DefaultValue) \
            else write_timeout
        connect = self._connect if isinstance(connect_timeout, DefaultValue) else connect_timeout
        # aiohttp has no separate write timeout: sending the body is bounded by read + write.
        total = None if read is None or write is None else read + write
        timeout = aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
        data: aiohttp.FormData | bytes | None = None
        headers = None
        if request_data is not None and files:
            data = aiohttp.FormData(request_data.json_parameters)
            for name, (filename, content, mime) in request_data.multipart_data.items():
                data.add_field(name, content, filename=filename, content_type=mime)
        elif request_data is not None:
            data, headers = form_body(request_data.json_parameters), FORM
        try:
            async with self._session.request(method, url, data=data, headers=headers, timeout=timeout) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{exc.__class__.__name__}: {exc}") from exc
