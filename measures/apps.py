from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = "Measures of impact"

    def ready(self) -> None:
        from actions import suggestions
        from measures.suggestions import off_track_measures

        # "Green but its measure is off track" on the update form and the action's page.
        suggestions.register_off_track_source(off_track_measures)
