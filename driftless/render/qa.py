"""A self-contained HTML page of a run's cucumber JSON, for readers without a reporting server.

Pure: the cucumber JSON (with its embedded pictures) and the tests' properties in, HTML out.
Chosen over Allure: Allure needs its own command-line tool (Java) to turn results into a page;
this page opens in any browser, offline, from one file.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined


def html_report(
    features: list[dict[str, Any]], properties: dict[tuple[str, str], list[tuple[str, str]]]
) -> str:
    """One self-contained page of the cucumber JSON: failures first, each step's pictures inline."""
    scenarios = []
    for feature in features:
        for element in feature.get("elements", []):
            steps = [_step(step) for step in element.get("steps", [])]
            statuses = {step["status"] for step in steps}
            status = (
                "failed"
                if "failed" in statuses
                else "passed"
                if statuses <= {"passed"}
                else "skipped"
            )
            key = (feature.get("uri", ""), element.get("id", ""))
            scenarios.append(
                {
                    "name": element.get("name", ""),
                    "id": element.get("id", ""),
                    "uri": feature.get("uri", ""),
                    "line": element.get("line", ""),
                    "status": status,
                    "steps": steps,
                    "properties": list(dict.fromkeys(properties.get(key, []))),
                }
            )
    scenarios.sort(key=lambda s: (s["status"] != "failed", s["uri"], s["line"], s["id"]))
    counts = {
        status: sum(s["status"] == status for s in scenarios)
        for status in ("passed", "failed", "skipped")
    }
    return _PAGES.get_template("test-report.html.j2").render(
        scenarios=scenarios, features=len(features), **counts
    )


def _step(step: dict[str, Any]) -> dict[str, Any]:
    result = step.get("result", {})
    pictures = []
    for embedded in step.get("embeddings", []):
        if embedded.get("mime_type") == "image/png":
            pictures.append({"src": f"data:image/png;base64,{embedded['data']}"})
        else:
            pictures.append(
                {"note": base64.b64decode(embedded.get("data", "")).decode(errors="replace")}
            )
    duration = result.get("duration")
    return {
        "keyword": step.get("keyword", ""),
        "name": step.get("name", ""),
        "line": step.get("line", ""),
        "status": result.get("status", "skipped"),
        "seconds": duration / 1e9 if isinstance(duration, int | float) else None,
        "error": result.get("error_message", ""),
        "pictures": pictures,
    }


_PAGES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    undefined=StrictUndefined,
    autoescape=True,  # step texts and errors may hold anything a portal showed
)
