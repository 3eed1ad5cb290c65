from django.apps import AppConfig


class ScaledataConfig(AppConfig):
    name = "scaledata"
    verbose_name = "Data at national scale, for the benchmark"
