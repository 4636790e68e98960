"""The benchmark's figures beside their targets, as the table it prints."""

from __future__ import annotations

from typing import Any


def verdict(ok: bool) -> str:
    """How a figure stands against its target."""
    return "met" if ok else "NOT MET"


def report(figures: dict[str, Any]) -> str:
    """Each figure beside its target, as a table; then where recording and tests take time."""
    rows = _rows(figures)
    width = max(len(row[0]) for row in rows)
    lines = [f"{'figure':<{width}}  {'measured':<28}  {'target':<26}"]
    for name, measured, target, ok in rows:
        lines.append(f"{name:<{width}}  {measured:<28}  {target:<26}  {verdict(ok)}")
    took = figures["profile"]
    lines.append(f"\nWhere a one-process guide run's recording goes ({took['seconds']} s in all):")
    for phase, spent in sorted(took["phases"].items(), key=lambda item: -item[1]["seconds"]):
        each = 1000 * spent["seconds"] / max(spent["times"], 1)
        lines.append(
            f"  {phase:<20} {spent['seconds']:7.2f} s  {spent['times']:4d} x  {each:6.1f} ms"
        )
    if "make_test" in figures:
        lines.append("\nmake test, seconds of test time by file:")
        for name, seconds in list(figures["make_test"]["test_seconds_by_file"].items())[:12]:
            lines.append(f"  {seconds:7.1f}  {name}")
    return "\n".join(lines)


def _rows(figures: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """(figure, as measured, its target, whether met) for each figure the run has."""
    medians = figures["medians_s"]
    rows = [
        ("pytest steps / floor", f"{figures['suite_over_floor']:.2f} x", "<= 1.05 x",
         figures["suite_over_floor"] <= 1.05),
        ("pytest steps --guide-run / floor with pictures",
         f"{figures['suite_guide_over_floor_pictures']:.2f} x", "<= 1.15 x",
         figures["suite_guide_over_floor_pictures"] <= 1.15),
        ("main job (both languages, site, PDFs)", f"{medians['main job']:.1f} s", "< 30 s",
         medians["main job"] < 30),
        ("files a main job wrote, unchanged portal",
         str(figures["files_rewritten_by_main_job_on_unchanged_portal"]), "0",
         not any(figures["files_rewritten_by_main_job_on_unchanged_portal"])),
        ("-n 2 faster than one process", f"{figures['n2_speedup']:.2f} x", ">= 1.4 x",
         figures["n2_speedup"] >= 1.4),
        ("guide from -n 2 and from one process",
         f"{figures['guide_files_compared']} files", "byte-identical",
         figures["guide_identical_serial_and_n2"]),
        ("vendor core run, portal failing everything",
         f"{medians['vendor']:.1f} s, {figures['vendor_verdicts']}", "< 120 s, a complete report",
         medians["vendor"] < 120 and figures["vendor_verdicts"].get("FAIL", 0) > 0),
    ]  # fmt: skip
    if "scale" in figures:
        single, doubled = figures["scale"]["peak_test_process_mb"]
        rows.append(
            (f"test process peak, scenarios x{figures['scale']['times']}",
             f"{single} -> {doubled} MB", "flat (<= 1.1 x)", doubled <= 1.1 * single)
        )  # fmt: skip
    if "make_test" in figures:
        made = figures["make_test"]
        rows.append(
            ("make test, fresh clone (bash .ci/run)",
             f"{made['seconds']:.0f} s ({made['pytest_seconds']:.0f} s pytest, "
             f"{made['tests']} tests, {made['failures']} failed)", "<= 300 s",
             made["seconds"] <= 300 and not made["failures"])
        )  # fmt: skip
    return rows
