"""The shared services every environment chooses from its variables: the task queue, the
cache and sessions, and where uploaded and generated files are kept.

Each function turns environment variables into the Django settings for one service, so
that one process or many, on one machine or several, find the same queue, cache and files.
Without any variable the app needs nothing but its database: tasks queue in the database,
the cache lives in each process, files go to ``var/media``.
"""

from __future__ import annotations

from collections.abc import Mapping

DATABASE_TASKS = "django_tasks_db.DatabaseBackend"
RQ_TASKS = "django_tasks_rq.RQBackend"
# RQ needs its own Job class to run django-tasks' tasks; the worker is told about it too.
RQ_JOB_CLASS = "django_tasks_rq.Job"
# A big document's PDF takes about 12 s; ten minutes leaves room on a loaded machine.
TASK_TIMEOUT_SECONDS = 600


def task_apps(redis_url: str) -> list[str]:
    """The apps the task queue needs; the database queue's tables exist either way."""
    return ["django_tasks", "django_tasks_db"] + (["django_rq"] if redis_url else [])


def tasks(redis_url: str) -> dict:
    """``TASKS``: RQ on Redis when ``redis_url`` is given, otherwise the database queue."""
    backend = RQ_TASKS if redis_url else DATABASE_TASKS
    return {"default": {"BACKEND": backend, "QUEUES": ["default"]}}


def rq_queues(redis_url: str) -> dict:
    """``RQ_QUEUES`` for django-rq: the one queue the tasks use, on ``redis_url``."""
    if not redis_url:
        return {}
    return {"default": {"URL": redis_url, "DEFAULT_TIMEOUT": TASK_TIMEOUT_SECONDS}}


def caches(redis_url: str) -> dict:
    """``CACHES``: Redis, shared by every process, when ``redis_url`` is given; otherwise
    each process keeps its own (only what cannot go stale may be cached there)."""
    if not redis_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }


def session_engine(redis_url: str) -> str:
    """Sessions read from the Redis cache and written through to the database, so that a
    restarted Redis signs nobody out; the database alone without Redis."""
    if redis_url:
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


def storages(environ: Mapping[str, str], static_backend: str) -> dict:
    """``STORAGES``: stored PDFs, working papers and signatures in an S3-compatible bucket
    when ``AWS_STORAGE_BUCKET_NAME`` is set, on the local disk otherwise.

    The bucket's endpoint (``AWS_S3_ENDPOINT_URL``, for storage that is not Amazon's) and
    region (``AWS_S3_REGION_NAME``) come from the environment too; boto3 reads the keys
    (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``) from it itself. Files are private:
    the app serves each one itself after checking who asks.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        default: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    else:
        default = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": environ.get("AWS_S3_REGION_NAME") or None,
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
            },
        }
    return {"default": default, "staticfiles": {"BACKEND": static_backend}}
