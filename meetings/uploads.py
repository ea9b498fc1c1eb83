"""Uploads that are never stored past a size limit.

Django receives a file into memory or a temporary file before any form sees its size, so
a 300 MB upload to a form that takes 10 MB used to fill a 300 MB temporary file first.
``UploadLimitMixin`` gives a view an upload handler that stops storing a file at its limit.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import StopFutureHandlers, TemporaryFileUploadHandler
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class OversizeUpload(UploadedFile):
    """A file refused for its size: its name and its size as received, and no content.
    A form sees it as an upload and refuses it by ``size``."""

    def __init__(self, name: str, content_type: str, size: int, charset: str | None) -> None:
        super().__init__(io.BytesIO(), name, content_type, size, charset)


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Stores each uploaded file in a temporary file, but never more than ``limit`` bytes.

    The first chunk that would pass the limit closes (and so deletes) the temporary file;
    the rest of the file is read and only counted, and the fields after it are read as
    usual, so nothing else the person sent is lost. The file then arrives as an
    ``OversizeUpload`` of its true size.
    """

    def __init__(self, request, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.over_limit = False

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.over_limit = False
        # This handler alone receives the file: no other handler stores its bytes.
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > self.limit:
            if not self.over_limit:
                self.file.close()
                self.over_limit = True
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> UploadedFile:
        if self.over_limit:
            return OversizeUpload(self.file_name, self.content_type, file_size, self.charset)
        return super().file_complete(file_size)


@method_decorator(csrf_exempt, name="dispatch")
class UploadLimitMixin:
    """For a view that takes files: no uploaded file is stored past ``upload_limit`` bytes.

    The handler must be in place before anything reads the request's body, and the CSRF
    middleware reads it to find the token; so the middleware's check is skipped here and
    made in ``dispatch`` itself, after the handler is installed. The CSRF check is as
    strict as everywhere else.
    """

    upload_limit: int

    def dispatch(self, request, *args, **kwargs):
        request.upload_handlers.insert(0, LimitedUploadHandler(request, self.upload_limit))
        return csrf_protect(super().dispatch)(request, *args, **kwargs)
