"""The conformance report as one self-contained HTML page."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from driftless.model.conformance import Report


def _embedded(path: str) -> str:
    file = Path(path)
    if not path or not file.is_file():
        return ""
    return "data:image/png;base64," + base64.b64encode(file.read_bytes()).decode()


def render_html(report: Report) -> str:
    """One self-contained page: no external file is needed to read it."""
    data = report.as_json()
    rows = []
    for r in report.requirements:
        detail = ""
        if r.status == "FAIL":
            picture = _embedded(r.screenshot)
            detail = (
                f"<p><strong>Expected:</strong> {html.escape(r.expected)}</p>"
                f"<pre>{html.escape(r.observed)}</pre>"
                + (f'<img alt="The screen when it failed" src="{picture}">' if picture else "")
                + (
                    f"<p>Trace: <code>playwright show-trace {html.escape(r.trace)}</code></p>"
                    if r.trace
                    else ""
                )
            )
        elif r.reason:
            detail = f"<p>{html.escape(r.reason)}</p>"
        rows.append(
            f'<tr class="{r.status.replace(" ", "-").lower()}"><td>{html.escape(r.status)}</td>'
            f"<td>{html.escape(r.title)}{' <em>(core)</em>' if r.core else ''}{detail}</td>"
            f"<td>{html.escape(', '.join(r.handout))}</td><td>{html.escape(r.feature)}</td></tr>"
        )
    pages = "".join(
        f"<tr><td>{html.escape(page['page'])}</td><td>"
        + (
            "".join(
                f"<div><strong>{html.escape(v['impact'])}</strong> {html.escape(v['id'])}: "
                f"{html.escape(v['help'])} ({v['elements']} elements)</div>"
                for v in page["violations"]
            )
            or "no violations"
        )
        + "</td></tr>"
        for page in report.accessibility
    )
    audit_section = (
        "<h2>Accessibility (axe-core)</h2><table><thead><tr><th>Page</th><th>Violations</th>"
        f"</tr></thead><tbody>{pages}</tbody></table>"
        if report.accessibility
        else ""
    )
    verdict = "conforms" if report.conforms else "does not conform"
    summary = ", ".join(f"{count} {status}" for status, count in data["summary"].items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Conformance report</title>
<style>
body {{ font-family: sans-serif; margin: 2rem; color: #1d2733; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #cdd6df; padding: .5rem; text-align: left; vertical-align: top; }}
tr.pass td:first-child {{ background: #e7f4ea; }} tr.fail td:first-child {{ background: #fdecea; }}
tr.not-evaluated td:first-child {{ background: #eef0f2; }}
img {{ max-width: 640px; border: 1px solid #cdd6df; display: block; margin-top: .5rem; }}
pre {{ white-space: pre-wrap; background: #f5f7f9; padding: .5rem; }}
</style></head><body>
<h1>Conformance report</h1>
<p>Portal <strong>{html.escape(report.portal)}</strong> {verdict} to the City of Tulsa's
"Utility Billing Linking Accounts" guide: {html.escape(summary)}.</p>
<p>Date {html.escape(report.date)} · suite version {html.escape(report.suite_version)}</p>
<table><thead><tr><th>Result</th><th>Requirement</th><th>Handout steps</th><th>Feature</th></tr>
</thead><tbody>
{chr(10).join(rows)}
</tbody></table>
{audit_section}
</body></html>
"""
