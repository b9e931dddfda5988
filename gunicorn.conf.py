"""gunicorn's settings for the web process, read from the working directory however gunicorn is
started there (the Procfile, a systemd unit, a container's command, `gunicorn cms.wsgi` by hand).
Options given on the command line still win over these.

The access log is here, not on a command line, so no way of starting the site can log what the
privacy notice says we never keep ("We do not store your network address"): no client address,
no query string (search terms, campaign values), no referrer, no user agent. A line holds the time,
the request id (also on the application's log lines), the method, the path without its query
string, the protocol, the status, the size and the duration."""

import os

bind = f"{os.environ.get('BIND_ADDRESS') or '0.0.0.0'}:{os.environ.get('PORT') or '8000'}"  # noqa: S104 - behind the proxy, on the machine's own network
workers = int(os.environ.get("WEB_CONCURRENCY") or 3)
timeout = 30
# gunicorn 25+ opens a control socket under ~/.gunicorn by default; nothing here uses it.
control_socket_disable = True

accesslog = "-"
access_log_format = '%(t)s %({x-request-id}o)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

# With LOG_FORMAT=json (cms/settings/base.py) the application logs JSON objects; gunicorn's own
# lines become JSON objects too, so a log collector reads one format. The access line's text is
# the "message", as above.
if os.environ.get("LOG_FORMAT") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
        },
        # gunicorn's defaults name a root handler of their own; Django sets the root logger up
        # again from LOGGING when the application loads.
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
            "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }
