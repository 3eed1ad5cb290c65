"""gunicorn settings for the WSoA tracker, read from the environment.

gunicorn reads this file when started from the project directory, or with
`gunicorn -c gunicorn.conf.py wsoa.wsgi`. Each setting can be changed from the environment:

GUNICORN_BIND     address to listen on, default 127.0.0.1:8001 (a web server in front
                  terminates HTTPS and proxies to it)
WEB_CONCURRENCY   worker processes, default 2 x CPU cores + 1, at most 9
GUNICORN_THREADS  threads per worker, default 1
GUNICORN_TIMEOUT  seconds a request may run before its worker is killed and replaced,
                  default 60: importing the largest plan spreadsheet (IMPORT_MAX_MB) must fit
GUNICORN_MAX_REQUESTS  requests a worker serves before it is replaced (bounds memory
                  growth), default 20000, spread by up to 10% so workers do not restart
                  together. A new worker imports the application again (about half a second
                  of CPU) before it serves: at the hundreds of public pages a second one
                  server answers from the cache, a few thousand would replace each worker
                  every few seconds

Every worker thread keeps its own database connection for up to a minute (CONN_MAX_AGE in
wsoa/settings.py), so PostgreSQL's max_connections must exceed workers x threads for every
server running the service, plus what migrations and backups use.
"""

import multiprocessing

from wsoa.lib.env import env_int, env_str

bind = env_str("GUNICORN_BIND", "127.0.0.1:8001")
workers = env_int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9))
threads = env_int("GUNICORN_THREADS", 1)
timeout = env_int("GUNICORN_TIMEOUT", 60)
# A restart lets requests under way finish first.
graceful_timeout = timeout
# Behind a proxy that reuses connections to gunicorn.
keepalive = 5
max_requests = env_int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = max_requests // 10

# Django's own logging goes to the console too; gunicorn adds one line per request.
accesslog = "-"
errorlog = "-"
