"""Compares the new-employee feed with the employee database, as the COBOL step of the original JCL did.

The workflow extracts the employee table (a DynamoDB Scan, the JCL's database unload) and passes the
items here with the feed (CSV: employee_id,name,department,start_date). Each feed record is checked
on its own (missing fields, duplicate ids, invalid start dates) and then against the database: an id
the database does not hold, or a name, department or start date that differs from its record, is a
discrepancy. Returns the report the workflow branches on.
"""

import csv
import datetime
import io

REQUIRED_COLUMNS = ("employee_id", "name", "department", "start_date")
COMPARED_COLUMNS = ("name", "department", "start_date")
# Step Functions payloads are limited to 256 KB, so the report lists at most this many records.
MAX_REPORTED = 100


def handler(event, context):
    rows = list(csv.DictReader(io.StringIO(event.get("body") or "")))
    database = employees_from_items(event.get("employees") or [])
    seen_ids = set()
    discrepancies = []
    matched = 0
    for line_number, row in enumerate(rows, start=2):  # line 1 is the header
        problems = problems_with(row, seen_ids) + differences_from_database(row, database)
        if problems:
            discrepancies.append({"line": line_number, "employeeId": row.get("employee_id"), "problems": problems})
        elif row.get("employee_id") in database:
            matched += 1
        seen_ids.add(row.get("employee_id"))
    return {
        "feedKey": event.get("feedKey"),
        "recordCount": len(rows),
        "databaseCount": len(database),
        "matchedCount": matched,
        "discrepancyCount": len(discrepancies),
        "discrepancies": discrepancies[:MAX_REPORTED],
    }


def employees_from_items(items):
    """The employee records by id from DynamoDB items as the Scan returns them ({"name": {"S": "…"}})."""
    employees = {}
    for item in items:
        record = {column: (value.get("S") if isinstance(value, dict) else value) for column, value in item.items()}
        if record.get("employee_id"):
            employees[record["employee_id"]] = record
    return employees


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


def differences_from_database(row, database):
    employee_id = (row.get("employee_id") or "").strip()
    if not employee_id:
        return []
    record = database.get(employee_id)
    if record is None:
        return ["not in the employee database"]
    return [
        f"{column} differs from the employee database ({record.get(column) or 'empty'})"
        for column in COMPARED_COLUMNS
        if (row.get(column) or "").strip() and (row.get(column) or "").strip() != (record.get(column) or "").strip()
    ]
