"""Validates the new-employee feed (CSV: employee_id,name,department,start_date).

Returns a report the workflow branches on. This replaces the COBOL compare step of the original JCL;
put your real checks (for example a lookup in the employee database) in `problems_with`.
"""

import csv
import datetime
import io

REQUIRED_COLUMNS = ("employee_id", "name", "department", "start_date")
# Step Functions payloads are limited to 256 KB, so the report lists at most this many records.
MAX_REPORTED = 100


def handler(event, context):
    rows = list(csv.DictReader(io.StringIO(event.get("body") or "")))
    seen_ids = set()
    discrepancies = []
    for line_number, row in enumerate(rows, start=2):  # line 1 is the header
        problems = problems_with(row, seen_ids)
        if problems:
            discrepancies.append({"line": line_number, "employeeId": row.get("employee_id"), "problems": problems})
        seen_ids.add(row.get("employee_id"))
    return {
        "feedKey": event.get("feedKey"),
        "recordCount": len(rows),
        "discrepancyCount": len(discrepancies),
        "discrepancies": discrepancies[:MAX_REPORTED],
    }


def problems_with(row, seen_ids):
    problems = [f"missing {column}" for column in REQUIRED_COLUMNS if not (row.get(column) or "").strip()]
    if row.get("employee_id") in seen_ids:
        problems.append("duplicate employee_id")
    start_date = (row.get("start_date") or "").strip()
    if start_date:
        try:
            datetime.date.fromisoformat(start_date)
        except ValueError:
            problems.append("start_date is not an ISO date")
    return problems
