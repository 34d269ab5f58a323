from django.contrib.auth.models import Group, Permission

from accounts.access import HANDLER_GROUP, SUPERVISOR_GROUP

GROUP_PERMISSIONS = {
    HANDLER_GROUP: ["submissions.work_queue"],
    SUPERVISOR_GROUP: ["submissions.work_queue", "submissions.supervise"],
}


def staff_groups_ensure() -> None:
    """Create the staff groups with their permissions (idempotent; runs after every migrate)."""
    for group_name, permission_names in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = []
        for name in permission_names:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                permissions.append(permission)
        group.permissions.add(*permissions)
