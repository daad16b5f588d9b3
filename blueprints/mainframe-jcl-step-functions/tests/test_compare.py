"""The feed compared with the employee database (run by server/blueprints/blueprint-python-tests.test.ts)."""

import pathlib
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "src" / "validate"))

import app  # noqa: E402

HEADER = "employee_id,name,department,start_date\n"


def item(employee_id, name, department, start_date):
    return {"employee_id": {"S": employee_id}, "name": {"S": name}, "department": {"S": department}, "start_date": {"S": start_date}}


DATABASE = [item("E100", "Ana Silva", "Finance", "2024-06-03"), item("E101", "Raj Patel", "IT", "2024-06-03")]


def run(feed, employees=DATABASE):
    return app.handler({"feedKey": "feeds/f.csv", "body": HEADER + feed, "employees": employees}, None)


class CompareWithDatabase(unittest.TestCase):
    def test_a_feed_that_matches_the_database_has_no_discrepancies(self):
        report = run("E100,Ana Silva,Finance,2024-06-03\nE101,Raj Patel,IT,2024-06-03\n")
        self.assertEqual((report["recordCount"], report["databaseCount"], report["matchedCount"], report["discrepancyCount"]), (2, 2, 2, 0))

    def test_an_employee_missing_from_the_database_is_a_discrepancy(self):
        report = run("E100,Ana Silva,Finance,2024-06-03\nE200,Li Wei,HR,2024-07-01\n")
        self.assertEqual(report["discrepancies"], [{"line": 3, "employeeId": "E200", "problems": ["not in the employee database"]}])
        self.assertEqual(report["matchedCount"], 1)

    def test_fields_that_differ_from_the_database_are_named_with_the_database_value(self):
        report = run("E101,Raj Patel,Finance,2024-06-10\n")
        self.assertEqual(
            report["discrepancies"][0]["problems"],
            ["department differs from the employee database (IT)", "start_date differs from the employee database (2024-06-03)"],
        )

    def test_format_problems_and_database_differences_are_reported_together(self):
        report = run("E100,,Finance,06/03/2024\n")
        self.assertEqual(
            report["discrepancies"][0]["problems"],
            ["missing name", "start_date is not an ISO date", "start_date differs from the employee database (2024-06-03)"],
        )

    def test_an_empty_database_extract_makes_every_record_a_discrepancy(self):
        report = run("E100,Ana Silva,Finance,2024-06-03\n", employees=[])
        self.assertEqual((report["databaseCount"], report["discrepancyCount"]), (0, 1))

    def test_duplicates_are_still_found(self):
        report = run("E100,Ana Silva,Finance,2024-06-03\nE100,Ana Silva,Finance,2024-06-03\n")
        self.assertEqual(report["discrepancies"], [{"line": 3, "employeeId": "E100", "problems": ["duplicate employee_id"]}])


if __name__ == "__main__":
    unittest.main()
