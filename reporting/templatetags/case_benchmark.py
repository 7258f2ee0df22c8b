"""{% benchmark_text report.benchmark as benchmark %}: the case's benchmark in the reader's language."""

from django import template

from reporting.case_benchmark import benchmark_text as _benchmark_text

register = template.Library()


@register.simple_tag
def benchmark_text(data):
    return _benchmark_text(data)
