"""What WeasyPrint may read while it prints: the app's own files, and nothing else.

WeasyPrint's default fetcher follows any URL in the HTML or CSS it is given: ``http://``
and ``https://`` (a request from the server to wherever a text points), ``file://``
anywhere on the disk, ``data:``. Printing needs only the print stylesheet and its fonts
(under ``static/``) and the signature images people upload, which it names
``stored:signatures/…`` and reads through the file storage (this disk, or a bucket shared
by every server).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .printing import STORED, stored_url


class RefusedURL(ValueError):
    """A URL the print fetcher does not read; WeasyPrint leaves the resource out."""


class LocalFilesFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads files under ``folders``, and stored files whose
    names start with one of ``stored_prefixes``, and refuses any other URL: other schemes
    (``http``, ``https``, ``data``, ``ftp`` …), other hosts, and any path that leads
    outside the folders once ``..`` and symbolic links are resolved.

    ``data:`` is refused too: nothing the app prints makes one (the inline HTML keeps no
    ``img``), so allowing them would only widen what a text could smuggle in.
    """

    def __init__(self, folders: Iterable[Path], stored_prefixes: Iterable[str] = ()) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, timeout=1)
        self.folders = [Path(folder).resolve() for folder in folders]
        self.stored_prefixes = tuple(stored_prefixes)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith(STORED):
            return self.stored(url[len(STORED) :])
        path = self.local_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def stored(self, name: str) -> URLFetcherResponse:
        """A file of the file storage, if its name is under one of the allowed prefixes."""
        from django.core.files.storage import default_storage

        allowed = any(name.startswith(prefix) for prefix in self.stored_prefixes)
        if not allowed or ".." in name.split("/") or not default_storage.exists(name):
            raise RefusedURL(f"printing reads the app's own files only, not {name[:80]}")
        with default_storage.open(name, "rb") as file:
            content = file.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(stored_url(name), content, {"Content-Type": content_type})

    def local_path(self, url: str) -> Path:
        """The file ``url`` names, if it is one WeasyPrint may read; ``RefusedURL`` if not."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"printing reads the app's own files only, not {url[:80]}")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders) or not path.is_file():
            raise RefusedURL(f"printing reads the app's own files only, not {path}")
        return path
