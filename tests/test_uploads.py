"""A working paper past its size limit is never stored past the limit: the temporary file
stops growing at 10 MB while the rest of the upload is read and refused in words."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from consultations.inputs import MAX_WORKING_PAPER_BYTES
from drafting.models import OutcomeDocument
from meetings.models import Membership

BOUNDARY = "----upload-boundary"
MB = 1024 * 1024


@pytest.fixture
def meeting(factory):
    meeting = factory.make_meeting("UP1")
    OutcomeDocument.objects.create(meeting=meeting)
    meeting.germany = factory.make_member(meeting, Membership.Role.DELEGATION, username="germany")
    return meeting


class StreamedUpload:
    """A multipart body made while it is read (never whole in memory): a PDF file of
    ``file_size`` bytes, then a title field, then the CSRF token. Each read notes the
    largest file in ``temp_dir``, the folder Django receives uploads into."""

    def __init__(self, file_size: int, temp_dir: Path, csrf_token: str = "") -> None:
        head = (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-"
        ).encode()
        tail = (
            f"\r\n--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="title"\r\n\r\nOur long paper'
            f"\r\n--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{csrf_token}\r\n--{BOUNDARY}--\r\n"
        ).encode()
        self.chunks = self._chunks(head, file_size - len(b"%PDF-"), tail)
        self.length = len(head) + file_size - len(b"%PDF-") + len(tail)
        self.buffer = b""
        self.temp_dir = temp_dir
        self.largest_temp_file = 0

    @staticmethod
    def _chunks(head: bytes, zeros: int, tail: bytes):
        yield head
        while zeros > 0:
            yield b"0" * min(zeros, MB)
            zeros -= MB
        yield tail

    def read(self, size: int = -1) -> bytes:
        self._note_temp_files()
        while size < 0 or len(self.buffer) < size:
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.buffer += chunk
        size = len(self.buffer) if size < 0 else size
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    readline = read

    def _note_temp_files(self) -> None:
        for entry in os.scandir(self.temp_dir):
            self.largest_temp_file = max(self.largest_temp_file, entry.stat().st_size)

    def environ(self) -> dict:
        return {
            "wsgi.input": self,
            "CONTENT_LENGTH": str(self.length),
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "REQUEST_METHOD": "POST",
        }


def post_streamed(client: Client, meeting, upload: StreamedUpload):
    url = reverse("working-paper-create", args=[meeting.code])
    return client.generic("POST", url, **upload.environ())


@pytest.fixture
def temp_dir(settings, tmp_path) -> Path:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def test_an_upload_four_times_the_limit_never_grows_its_temporary_file_past_the_limit(
    meeting, client, temp_dir
):
    client.force_login(meeting.germany)
    upload = StreamedUpload(4 * MAX_WORKING_PAPER_BYTES, temp_dir)

    response = post_streamed(client, meeting, upload)

    page = response.content.decode()
    assert response.status_code == 200
    assert "This file is 40.0 MB; a working paper can be at most 10 MB." in page
    assert "Our long paper" in page  # the field sent after the file is kept
    assert MAX_WORKING_PAPER_BYTES - MB < upload.largest_temp_file <= MAX_WORKING_PAPER_BYTES
    assert list(temp_dir.iterdir()) == []
    assert not meeting.working_papers.exists()


def test_an_upload_just_within_the_limit_is_stored_whole(meeting, client, temp_dir):
    client.force_login(meeting.germany)
    upload = StreamedUpload(MAX_WORKING_PAPER_BYTES, temp_dir)

    response = post_streamed(client, meeting, upload)

    assert response.status_code == 302
    paper = meeting.working_papers.get()
    assert (paper.title, paper.file.size) == ("Our long paper", MAX_WORKING_PAPER_BYTES)


def test_the_upload_limit_keeps_the_csrf_check(meeting, temp_dir):
    client = Client(enforce_csrf_checks=True)
    client.force_login(meeting.germany)
    client.get(reverse("working-paper-create", args=[meeting.code]))
    token = client.cookies["csrftoken"].value

    refused = post_streamed(client, meeting, StreamedUpload(MB, temp_dir))
    checked = post_streamed(client, meeting, StreamedUpload(11 * MB, temp_dir, csrf_token=token))

    assert refused.status_code == 403
    assert checked.status_code == 200
    assert "This file is 11.0 MB; a working paper can be at most 10 MB." in (
        checked.content.decode()
    )
