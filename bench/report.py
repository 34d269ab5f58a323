"""The one table make bench prints, and the same figures as JSON."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Row:
    measure: str
    figure: str
    target: str = ""
    verdict: str = ""  # "pass", "MISS", "error" or "" (for information only)
    detail: str = ""


@dataclass
class Report:
    machine: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def info(self, measure: str, figure: str) -> None:
        self.rows.append(Row(measure, figure))

    def check(
        self,
        measure: str,
        value: float | None,
        unit: str,
        *,
        target: float,
        higher_is_better: bool = False,
        detail: str = "",
    ) -> None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            self.rows.append(Row(measure, "not measured", _target(target, unit, higher_is_better),
                                 "error", detail))  # fmt: skip
            return
        ok = value >= target if higher_is_better else value <= target
        figure = f"{value:,.0f} {unit}" if value >= 10 else f"{value:.1f} {unit}"
        self.rows.append(
            Row(measure, figure, _target(target, unit, higher_is_better),
                "pass" if ok else "MISS", detail)
        )  # fmt: skip

    def check_flag(self, measure: str, *, ok: bool, figure: str, target: str) -> None:
        self.rows.append(Row(measure, figure, target, "pass" if ok else "MISS"))

    def page(self, name: str, page: dict) -> None:
        self.rows.append(
            Row(
                f"  {name}",
                f"p50 {page['p50']:.0f} / p99 {page['p99']:.0f} ms",
                detail=f"{page['requests']} requests, {page['failures']} failed",
            )
        )

    def error(self, measure: str, message: str) -> None:
        self.rows.append(Row(measure, "not measured", "", "error", message[:160]))

    def table(self) -> str:
        headers = Row("measure", "figure", "target", "result", "detail")
        rows = [headers, *self.rows]
        widths = [
            max(len(getattr(row, name)) for row in rows)
            for name in ("measure", "figure", "target", "verdict")
        ]
        lines = []
        for index, row in enumerate(rows):
            cells = [row.measure, row.figure, row.target, row.verdict]
            line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            lines.append(f"{line}  {row.detail}".rstrip())
            if index == 0:
                lines.append("-" * min(len(lines[0]) + 20, 160))
        cores = self.machine.get("cores")
        load = self.machine.get("load_average_at_start")
        footer = f"{cores} cores; load average at start {load[0]:.1f}" if load else ""
        return "\n".join([*lines, "", footer]).rstrip()

    def as_json(self) -> dict[str, Any]:
        return {
            "machine": self.machine,
            "table": [row.__dict__ for row in self.rows],
            **self.data,
        }


def _target(target: float, unit: str, higher_is_better: bool) -> str:
    return f"{'>=' if higher_is_better else '<='} {target:,.0f} {unit}"
