"""The sample function the ACK manifest deploys: answers every invocation with a greeting."""

import json


def lambda_handler(event, context):
    return {"statusCode": 200, "body": json.dumps("Hello from a function managed by Kubernetes!")}
