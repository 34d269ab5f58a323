"""The permission check every staff page makes, in one query instead of two."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class ModelBackendOneQuery(ModelBackend):
    """Django's ModelBackend, except that a user's permissions (their own and their groups')
    are read in one UNION query instead of one query each.

    Every staff page asks "handler?" and "supervisor?" (accounts.access): with ModelBackend that
    is two queries a request, each compiled by the ORM (issue 17: the queue page's fixed cost).
    Same answers: the union of the same two sets, cached on the user for the request as
    ModelBackend caches it (`_perm_cache`); inactive, anonymous and object checks are empty as
    there, and a superuser has every permission.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = self._permissions_read(user_obj)
        return user_obj._perm_cache

    def _permissions_read(self, user_obj) -> set[str]:
        fields = ("content_type__app_label", "codename")
        if user_obj.is_superuser:
            rows = Permission.objects.values_list(*fields).order_by()
        else:
            own = Permission.objects.filter(user=user_obj).values_list(*fields).order_by()
            grouped = Permission.objects.filter(group__user=user_obj).values_list(*fields)
            rows = own.union(grouped.order_by())
        return {f"{app_label}.{codename}" for app_label, codename in rows}
