"""gunicorn's settings for `make serve`: as many workers and threads as this machine's cores
can keep busy. ``WEB_CONCURRENCY``, ``GUNICORN_THREADS`` and ``BIND`` override them."""

import os

# The cores this process may run on (a container or taskset may allow fewer than exist).
cores = len(os.sched_getaffinity(0))

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two workers per core keep the cores busy while one waits on the database; threads in
# each serve the quick requests (static files, cached pages) alongside a slow one.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cores))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
# A page of a 1,500-paragraph draft renders in well under this; PDFs never render in a request.
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# gunicorn's control socket (for `gunicornc`) beside the app's other local state, not in the
# home folder, where two servers on one machine would take each other's.
control_socket = os.path.join(os.getcwd(), "var", "gunicorn.ctl")
