"""gunicorn settings (`gunicorn -c python:interventures.config.gunicorn interventures.config.wsgi`),
each from the environment so that one file serves `make run` and every app server of docs/deploy.md.

GUNICORN_BIND (default 127.0.0.1:8000), GUNICORN_WORKERS (default 2 × cores + 1, at most 8),
GUNICORN_THREADS (default 2), GUNICORN_TIMEOUT seconds (default 60; long work runs in Celery, so a
request that takes longer is a fault), GUNICORN_MAX_REQUESTS (default 2000: workers are recycled).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Uploads are bounded by Django (DATA_UPLOAD_MAX_MEMORY_SIZE, the import limits); these bound headers.
limit_request_line = 8190
limit_request_fields = 100
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket would sit in $HOME, shared by every server of the machine: not used here.
control_socket_disable = True
# Load the application once in the master, so that a configuration error stops the start at once.
preload_app = True
