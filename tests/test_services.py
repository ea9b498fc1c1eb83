"""The shared services chosen from the environment, and files kept through the storage API.

Several app servers must find one task queue, one cache and one set of files: Redis and
an S3-compatible bucket when configured, the database and the local disk otherwise.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import subprocess
import sys

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.urls import reverse
from moto import mock_aws

from config import services
from drafting.rendering.markup import PackageNumbering
from letters import pdf, printing
from letters.models import Letter, Letterhead, StoredPdf
from meetings.models import Membership

STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"
# The smallest valid PNG: one transparent pixel.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def test_without_redis_tasks_queue_in_the_database_and_sessions_stay_there():
    assert services.tasks("")["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert services.rq_queues("") == {}
    assert "django_rq" not in services.task_apps("")
    assert services.session_engine("") == "django.contrib.sessions.backends.db"
    assert services.caches("")["default"]["BACKEND"].endswith("LocMemCache")


def test_redis_url_moves_tasks_cache_and_sessions_to_redis():
    url = "redis://cache.internal:6379/1"
    assert services.tasks(url)["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert services.rq_queues(url)["default"]["URL"] == url
    assert "django_rq" in services.task_apps(url)
    cache = services.caches(url)["default"]
    assert (cache["BACKEND"], cache["LOCATION"]) == ("django_redis.cache.RedisCache", url)
    assert services.session_engine(url) == "django.contrib.sessions.backends.cached_db"


def test_files_stay_on_the_local_disk_without_a_bucket():
    default = services.storages({}, STATIC)["default"]
    assert default == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_name_moves_files_to_private_s3_compatible_storage():
    environ = {
        "AWS_STORAGE_BUCKET_NAME": "drafting-files",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
        "AWS_S3_REGION_NAME": "eu-central-1",
    }
    default = services.storages(environ, STATIC)["default"]
    options = default["OPTIONS"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "drafting-files",
        "https://objects.example.org",
        "eu-central-1",
    )
    assert options["default_acl"] == "private" and options["file_overwrite"] is False


@pytest.fixture
def bucket(settings, monkeypatch):
    """The app's files in an S3 bucket (moto's in-process S3), as configured in production."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="drafting-test")
        settings.STORAGES = services.storages({"AWS_STORAGE_BUCKET_NAME": "drafting-test"}, STATIC)
        yield s3


def test_stored_pdfs_and_signatures_are_kept_in_the_bucket(bucket, factory, client):
    version = factory.make_version(tree=factory.make_tree(paragraphs=3), label="Draft 1")
    meeting = version.document.meeting
    letter = Letter.objects.create(
        meeting=meeting,
        letterhead=Letterhead.objects.create(meeting=meeting, mission="PERMANENT MISSION"),
        date=datetime.date(2021, 6, 10),
        body="I am pleased to invite you.",
        signatory_name="Martin Kimani",
        signatory_title="Ambassador",
    )
    letter.signature.save("kimani.png", ContentFile(PIXEL))
    client.force_login(factory.make_member(meeting, Membership.Role.DELEGATION))

    response = client.get(reverse("version-pdf", args=[meeting.code, "draft-1"]))

    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket="drafting-test")["Contents"]}
    assert keys == {StoredPdf.objects.get().file.name, letter.signature.name}
    assert StoredPdf.objects.get().file.name.startswith("pdf/version-")
    stored = bucket.get_object(Bucket="drafting-test", Key=StoredPdf.objects.get().file.name)
    assert response.content == stored["Body"].read()
    src = printing.letter_section(letter, PackageNumbering())["signature_src"]
    assert src == f"stored:{letter.signature.name}"
    assert pdf.url_fetcher().fetch(src).read() == PIXEL  # read through the bucket


def test_with_redis_a_session_is_read_from_the_shared_cache(settings, redis_url, factory, client):
    from django.core.cache import caches

    settings.CACHES = services.caches(redis_url)
    settings.SESSION_ENGINE = services.session_engine(redis_url)
    user = factory.make_user("chair")
    client.force_login(user)
    key = client.session.session_key
    cache = caches["default"]
    assert cache.get(f"django.contrib.sessions.cached_db{key}")["_auth_user_id"] == str(user.pk)
    cache.set("shared", "seen by every app server")
    assert caches.create_connection("default").get("shared") == "seen by every app server"


def production_settings(**environ: str) -> subprocess.CompletedProcess:
    """Load ``config.settings.prod`` in a fresh interpreter with only ``environ`` set of its
    secrets, and print what the production stack depends on."""
    secrets = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")
    env = {name: value for name, value in os.environ.items() if name not in secrets}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.prod", **environ}
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'middleware': settings.MIDDLEWARE, 'storages': settings.STORAGES, "
        "'debug': settings.DEBUG}))"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_refuse_to_start_without_their_secrets():
    result = production_settings(ALLOWED_HOSTS="127.0.0.1", DATABASE_URL="sqlite:///x.db")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable for production." in result.stderr
    result = production_settings(SECRET_KEY="s" * 50, ALLOWED_HOSTS="127.0.0.1")
    assert "Set the DATABASE_URL environment variable for production." in result.stderr


def test_production_serves_static_files_through_whitenoise_under_compressed_hashed_names():
    result = production_settings(
        SECRET_KEY="s" * 50, ALLOWED_HOSTS="127.0.0.1", DATABASE_URL="sqlite:///x.db"
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    middleware = loaded["middleware"]
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert loaded["storages"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert loaded["debug"] is False
