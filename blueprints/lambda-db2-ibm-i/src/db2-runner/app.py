"""Lambda handler: runs the SQL statements in the event as one transaction on Db2 for IBM i.

Event: {"statements": [{"sql": "UPDATE LIB.ORDERS SET STATUS = ? WHERE ID = ?", "params": ["SHIPPED", 42]}]}
A failed invocation raises, so the caller sees the failure; review retry settings of whatever invokes
this function, because an automatic retry would run the transaction again.
"""

import json
import os

import boto3

import db2
from forwarder import LOCAL_PORT, TlsForwarder

MAX_ROWS = 1000
secrets = boto3.client("secretsmanager")
settings = json.loads(secrets.get_secret_value(SecretId=os.environ["DB2_SECRET_ARN"])["SecretString"])
forwarder = TlsForwarder(settings["host"], int(settings["port"]))
forwarder.start()


def handler(event, context):
    statements = event.get("statements") or []
    if not statements:
        raise ValueError("the event must contain a non-empty 'statements' list")
    connection = open_connection()
    try:
        results = db2.run_transaction(connection, statements, MAX_ROWS)
    finally:
        connection.close()
    return {"results": results}


def open_connection():
    try:
        return db2.connect(settings["user"], settings["password"], LOCAL_PORT)
    except Exception as first_error:  # noqa: BLE001 - one clean retry, then give up
        print(f"connection failed ({first_error}); restarting the forwarder and retrying once")
        forwarder.restart()
        return db2.connect(settings["user"], settings["password"], LOCAL_PORT)
