"""Django's JSON serialization, but keeping times to the microsecond, so a backup restores exactly."""

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401 (the format's reading half)
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    # DjangoJSONEncoder cuts times to milliseconds; the history of a figure is ordered by them.
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
