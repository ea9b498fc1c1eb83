"""The shared services every environment chooses from its variables.

Each function turns environment variables into the Django settings for one service, so
that one process or many, on one machine or several, find the same queue. Without any
variable the app needs nothing but its database: tasks queue in the database.
"""

from __future__ import annotations

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
