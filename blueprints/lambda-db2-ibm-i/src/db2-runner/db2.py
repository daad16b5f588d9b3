"""Small helpers over pyodbc for running a list of statements as one transaction."""

import pyodbc

DRIVER = "IBM i Access ODBC Driver"


def connect(user: str, password: str, port: int) -> pyodbc.Connection:
    """Opens an ODBC connection to the local forwarder (which relays it to the real host over TLS)."""
    connection_string = f"DRIVER={{{DRIVER}}};SYSTEM=127.0.0.1;PORT={port};UID={user};PWD={password};"
    return pyodbc.connect(connection_string, autocommit=False, timeout=10)


def run_transaction(connection: pyodbc.Connection, statements: list[dict], max_rows: int) -> list[dict]:
    """Runs every statement, commits if all succeed and rolls back otherwise."""
    results = []
    cursor = connection.cursor()
    try:
        for statement in statements:
            cursor.execute(statement["sql"], *statement.get("params", []))
            if cursor.description:  # a query: return its rows (bounded, to respect the response size limit)
                columns = [column[0] for column in cursor.description]
                rows = [dict(zip(columns, map(_jsonable, row))) for row in cursor.fetchmany(max_rows)]
                results.append({"rows": rows})
            else:
                results.append({"rowCount": cursor.rowcount})
        connection.commit()
        return results
    except Exception:
        connection.rollback()
        raise
    finally:
        cursor.close()


def _jsonable(value):
    # Lambda returns JSON: decimals, dates and bytes from Db2 become strings.
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)
