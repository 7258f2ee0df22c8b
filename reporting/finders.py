"""A static-files finder that serves the plotly.js shipped inside the Python plotly package.

So the portal serves Plotly from its own static files (never a CDN) without a 4 MB copy in the repository;
collectstatic copies it like any other static file.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PATH = "vendor/plotly.min.js"
SOURCE = Path(plotly.__file__).parent / "package_data"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=SOURCE)
        self.storage.prefix = "vendor"

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != PATH:
            return []
        full = str(SOURCE / "plotly.min.js")
        return [full] if find_all or kwargs.get("all") else full

    def list(self, ignore_patterns):
        yield "plotly.min.js", self.storage
