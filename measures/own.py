"""The municipality's own measures: one per indicator code and municipality, shared by its strategy versions,
and the expected companions of a measure (the ministry's benchmark kept by hand, or an estimate).

The functions take the Measure model, so a data migration can pass its historical one."""

from django.utils.translation import gettext_noop

CODE_LENGTH = 40  # Measure.code's max_length

# The expected companion of a measure: code suffix, the words added to its name, and its series label
# (translated where shown).
BENCHMARK = "BENCHMARK"
ESTIMATE = "SKOEN"
COMPANIONS = {
    BENCHMARK: ("forventet, benchmark", gettext_noop("Forventet (benchmark)")),
    ESTIMATE: ("forventet, skøn", gettext_noop("Forventet (skøn)")),
}


def own_code(municipality_slug: str, indicator_code: str, *, suffix: str = "") -> str:
    """'ballerup-F1.2': the municipality's kortnavn and the indicator's code, legible in the admin."""
    tail = f"-{indicator_code}{suffix}"
    return f"{municipality_slug[: CODE_LENGTH - len(tail)]}{tail}"


def own_measure(measure_model, *, municipality_slug: str, code: str, name: str, unit: str, decimals: int,
                measure_type: str, definition: str = ""):  # fmt: skip
    """The municipality's own measure for an indicator code, created on first use. A measure already under
    that code with another unit, decimals or type is another thing measured: it gets a numbered code."""
    wanted = {"unit": unit, "decimals": decimals, "measure_type": measure_type}
    for number in range(1, 100):
        measure, created = measure_model.objects.get_or_create(
            code=own_code(municipality_slug, code, suffix="" if number == 1 else f"-{number}"),
            defaults={"name": name, "definition": definition, "origin": "own", **wanted},
        )
        if created or all(getattr(measure, field) == value for field, value in wanted.items()):
            return measure
    raise ValueError(f"Too many own measures for {municipality_slug} {code}")


def companion(measure_model, measure, kind: str):
    """The measure's expected companion (kind BENCHMARK or ESTIMATE), created and linked on first use; an
    estimate is marked so (is_estimate)."""
    words, _label = COMPANIONS[kind]
    code = f"{measure.code[: CODE_LENGTH - len(kind) - 1]}-{kind}"
    defaults = {
        "name": f"{measure.name} ({words})"[:250],
        "unit": measure.unit,
        "decimals": measure.decimals,
        "measure_type": measure.measure_type,
        "origin": "own",
    }
    # A data migration's Measure from before the mark has none: the mark's own migration sets it there.
    if any(field.name == "is_estimate" for field in measure_model._meta.fields):
        defaults["is_estimate"] = kind == ESTIMATE
    expected, _created = measure_model.objects.get_or_create(code=code, defaults=defaults)
    if measure.expected_id is None:
        measure.expected = expected
        measure.save(update_fields=["expected"])
    return expected


def expected_label(is_estimate: bool) -> str:
    """The series label of an expected measure: an estimate (Measure.is_estimate) says so; everything else is
    the benchmark."""
    return COMPANIONS[ESTIMATE][1] if is_estimate else COMPANIONS[BENCHMARK][1]
