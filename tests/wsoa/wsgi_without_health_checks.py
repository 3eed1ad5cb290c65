"""The service as it ran before database connections were health-checked: the restart test
runs it too, to show the test sees the failure it guards against."""

from django.db import connections

from wsoa.wsgi import application

connections.settings["default"]["CONN_HEALTH_CHECKS"] = False

__all__ = ["application"]
