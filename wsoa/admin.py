"""The Django admin is the installation operator's tool: only active superusers may open it.

Programme managers and everyone else work on the product's own screens; a staff flag or a
model permission given by mistake opens nothing here.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class OperatorAdminSite(admin.AdminSite):
    site_header = "WSoA tracker administration"
    site_title = "WSoA tracker administration"

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class OperatorAdminConfig(AdminConfig):
    default_site = "wsoa.admin.OperatorAdminSite"
