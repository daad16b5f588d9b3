"""Starts one order workflow execution for every order message taken from the orders queue."""

import json
import os
import uuid

import boto3

sfn = boto3.client("stepfunctions")
STATE_MACHINE_ARN = os.environ["STATE_MACHINE_ARN"]


def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            order = json.loads(record["body"])
            order_id = str(uuid.uuid4())
            order["order_id"] = order_id
            # Naming the execution after the order makes it easy to find in the console.
            sfn.start_execution(stateMachineArn=STATE_MACHINE_ARN, name=order_id, input=json.dumps(order))
        except Exception as error:  # noqa: BLE001 - any failure sends just this message back to the queue
            print(f"could not start a workflow for message {record['messageId']}: {error}")
            failures.append({"itemIdentifier": record["messageId"]})
    # Partial batch response: only the failed messages are retried (and dead-lettered after 3 tries).
    return {"batchItemFailures": failures}
