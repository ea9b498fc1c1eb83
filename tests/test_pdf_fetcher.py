"""WeasyPrint reads the print stylesheet, its fonts and uploaded signature images, and
nothing else: no request leaves the server, no other file on the disk is read."""

import datetime
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from letters import pdf, printing
from letters.models import Annex, Letter, Letterhead
from letters.pdf_fetcher import LocalFilesFetcher, RefusedURL

STATIC = Path(settings.BASE_DIR) / "static"


def png(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def images_in(content: bytes) -> int:
    """Distinct images in a PDF (WeasyPrint lists one image in every page's resources)."""
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return len({image.name for page in pages for image in page.images})


@pytest.fixture
def listener():
    """A web server on 127.0.0.1 that notes every request made to it."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(png("blue"))

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.requests = requests
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    server.server_close()


# The fetcher on its own -------------------------------------------------------------------


@pytest.fixture
def fetcher(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "seal.png").write_bytes(png())
    (tmp_path / "secret.txt").write_text("root:x:0:0")
    (allowed / "link.txt").symlink_to(tmp_path / "secret.txt")
    fetcher = LocalFilesFetcher([allowed])
    fetcher.root = tmp_path
    return fetcher


def test_the_fetcher_reads_a_file_inside_its_folders(fetcher):
    response = fetcher.fetch((fetcher.root / "allowed" / "seal.png").as_uri())

    assert response.read() == png()
    assert response.content_type == "image/png"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/seal.png",
        "https://example.org/seal.png",
        "ftp://example.org/seal.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "file://otherhost/ROOT/allowed/seal.png",
        "file://ROOT/allowed/../secret.txt",
        "file://ROOT/allowed/link.txt",
        "file://ROOT/allowed/%2e%2e/secret.txt",
        "file://ROOT/allowed/missing.png",
    ],
)
def test_the_fetcher_refuses_every_other_url(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url.replace("ROOT", str(fetcher.root).lstrip("/")))


# Printing -------------------------------------------------------------------------------


def test_printing_fetches_nothing_from_the_network_nor_other_files(listener, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    html = f"""<html><head>
      <link rel="stylesheet" href="{listener.url}/style.css">
      <style>@import url("{listener.url}/import.css");
             body {{ background: url("{outside.as_uri()}"); }}</style>
      </head><body><p>Text</p>
      <img src="{listener.url}/tracker.png" alt="">
      <img src="{outside.as_uri()}" alt="">
      <img src="file:///etc/passwd" alt="">
      </body></html>"""

    content = pdf.write_pdf(html)

    assert listener.requests == []
    assert images_in(content) == 0


def test_the_print_fonts_are_read_through_the_fetcher(monkeypatch):
    read = []
    fetch = LocalFilesFetcher.fetch

    def noting_fetch(self, url, headers=None):
        response = fetch(self, url, headers)
        read.append(Path(response.path).relative_to(STATIC).as_posix())
        return response

    monkeypatch.setattr(LocalFilesFetcher, "fetch", noting_fetch)
    pdf._stylesheet.cache_clear()  # parsed once per process: parse it again, under the spy
    try:
        pdf.write_pdf("<p>Text, <em>italic</em> and <strong>bold</strong></p>")
    finally:
        pdf._stylesheet.cache_clear()

    assert set(read) == {
        f"fonts/LiberationSerif-{style}.ttf"
        for style in ("Regular", "Bold", "Italic", "BoldItalic")
    }


def test_printing_shows_an_uploaded_signature_image_read_through_the_storage(db):
    name = default_storage.save("signatures/chair.png", ContentFile(png()))

    content = pdf.write_pdf(f'<p>Signed</p><img src="{printing.stored_url(name)}">')

    assert images_in(content) == 1


@pytest.mark.parametrize(
    "name", ["pdf/version-1.pdf", "signatures/../pdf/version-1.pdf", "signatures/missing.png"]
)
def test_only_stored_signature_images_are_read(db, name):
    default_storage.save("pdf/version-1.pdf", ContentFile(b"%PDF-1.7"))
    with pytest.raises(RefusedURL):
        pdf.url_fetcher().fetch(printing.stored_url(name))


@pytest.mark.django_db
def test_a_letter_and_annex_pointing_at_the_network_or_the_disk_fetch_neither(
    factory, listener, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    meeting = factory.make_meeting("BMS7")
    letter = Letter.objects.create(
        meeting=meeting,
        letterhead=Letterhead.objects.create(meeting=meeting, mission="Mission"),
        reference="REF/1",
        date=datetime.date(2021, 6, 10),
        body=(
            f'Look.<img src="{listener.url}/body.png">\n\n'
            "[the password file](file:///etc/passwd)\n\n"
            f"![chart]({listener.url}/chart.png)"
        ),
        signatory_name="Chair",
        signatory_title="Ambassador",
    )
    letter.signature.save("chair.png", ContentFile(png()))
    Annex.objects.create(
        letter=letter,
        position=1,
        kind=Annex.Kind.TEXT,
        title="Annex",
        text=f'<img src="file:///etc/passwd"> <link rel="stylesheet" href="{listener.url}/a.css">',
    )

    content = pdf.letter_pdf(letter)

    assert listener.requests == []
    assert images_in(content) == 1  # the signature only
    assert "root:" not in "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages
    )
