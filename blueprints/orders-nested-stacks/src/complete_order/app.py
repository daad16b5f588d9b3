"""Records an order's final status in the orders table and announces it on the notification topic."""

import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
sns = boto3.client("sns")
TOPIC_ARN = os.environ["TOPIC_ARN"]


def handler(event, context):
    status = event["status"]
    table.update_item(
        Key={"user_id": event["restaurantId"], "id": event["order_id"]},
        UpdateExpression="SET #s = :status",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":status": status},
    )
    send_order_notification(event, status)
    return {"order_id": event["order_id"], "status": status}


def send_order_notification(order, status):
    sns.publish(
        TopicArn=TOPIC_ARN,
        Subject=f"Orders-App: Update for order {order['order_id']}",
        Message=f"Order {order['order_id']} ({order['quantity']} x {order['name']}) finished with status {status}.",
    )
