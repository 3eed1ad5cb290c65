from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "rounds"
    verbose_name = "Monthly update rounds"

    def ready(self) -> None:
        from actions import notices
        from rounds import navigation

        navigation.register()
        notices.register(navigation.escalation_notices)
