"""The long plan's sentence generator: phrase lists and templates (``long_plan.toml``) drawn
from by a seeded random generator, so a text is the same on every run yet reads differently
on every page."""

from __future__ import annotations

import random
from dataclasses import dataclass

from paperless.demo.data import Section

Metric = tuple[str, str, float, float]  # name, unit, low, high


def decimal(x: float) -> str:
    """One decimal, Vietnamese style: 12,5."""
    return f"{x:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Phrases:
    """Phrase lists and sentence templates; ``sentence``, ``paragraph`` and ``table`` draw
    from them with the caller's ``rng`` only."""

    templates: tuple[str, ...]
    verbs: tuple[str, ...]
    sectors: tuple[str, ...]
    areas: tuple[str, ...]
    links: tuple[str, ...]
    goals: tuple[str, ...]
    observations: tuple[str, ...]
    solutions: tuple[str, ...]
    metrics: tuple[Metric, ...]
    table_columns: tuple[str, ...]

    @classmethod
    def read(cls, section: Section, table_columns: tuple[str, ...]) -> Phrases:
        metrics: list[Metric] = []
        for row in section.rows("metrics"):
            match row:
                case (str(name), str(unit), int() | float() as low, int() | float() as high):
                    metrics.append((name, unit, low, high))
                case _:
                    raise section.fail(f"metrics: {row!r} is not [name, unit, low, high]")
        return cls(
            templates=section.texts("templates"),
            verbs=section.texts("verbs"),
            sectors=section.texts("sectors"),
            areas=section.texts("areas"),
            links=section.texts("links"),
            goals=section.texts("goals"),
            observations=section.texts("observations"),
            solutions=section.texts("solutions"),
            metrics=tuple(metrics),
            table_columns=table_columns,
        )

    def sentence(self, rng: random.Random) -> str:
        metric, unit, low, high = rng.choice(self.metrics)
        value = rng.uniform(low, high)
        return rng.choice(self.templates).format(
            verb=rng.choice(self.verbs),
            sector=rng.choice(self.sectors),
            area=rng.choice(self.areas),
            link=rng.choice(self.links),
            goal=rng.choice(self.goals),
            obs=rng.choice(self.observations),
            sol=rng.choice(self.solutions),
            year=rng.choice((2025, 2030)),
            metric=metric,
            unit=unit if unit == "%" else " " + unit,
            value=decimal(value),
            value2=decimal(value * rng.uniform(1.1, 1.6)),
        )

    def paragraph(self, rng: random.Random) -> str:
        text = " ".join(self.sentence(rng) for _ in range(rng.randint(3, 6)))
        return text[0].upper() + text[1:]

    def table(self, rng: random.Random) -> tuple[tuple[str, ...], ...]:
        """A forecast table: the column headings, then five metrics with three years' values."""
        rows = [self.table_columns]
        for i, (metric, unit, low, high) in enumerate(rng.sample(self.metrics, 5), start=1):
            a = rng.uniform(low * 0.8, low)
            b = rng.uniform(a, high)
            rows.append((str(i), metric[0].upper() + metric[1:], unit, decimal(a), decimal(b),
                         decimal(rng.uniform(b, high * 1.1))))
        return tuple(rows)
