"""The registry of Slipway's moto extensions: one module each, applied in this order.

To add one: create ``extensions/<name>.py`` with a module docstring that says which moto gap it
closes ("moto gap: ..."), an ``apply()`` function, and tests in ``sandbox/aws/tests``; list
it here and in ``sandbox/aws/EXTENSIONS.md`` (tests/test_extension_registry.py checks all
three). A new CloudFormation resource type subclasses ``slipway_sandbox.cfn_types.SandboxResource``
and its ``apply()`` calls ``register_cfn_resource(TheClass)``.
"""

EXTENSIONS: list[str] = [
    # Settings and plumbing first: later extensions read them.
    "sandbox_settings",
    "sandbox_throttling",
    "cfn_template_url",
    "cfn_getatt",
    "cfn_dynamic_references",
    # CloudFormation orchestration (async, per-resource events, rollback) and nested stacks on top of it.
    "cfn_engine",
    "cfn_nested_stacks",
    "cfn_change_set_async",
    "cfn_stack_drift",
    # Existing moto resource types that misbehave.
    "sfn_cfn_state_machines",
    "cfn_s3_bucket",
    "cfn_ssm_parameter",
    "cfn_resource_deletes",
    "cfn_kms_key",
    "cfn_physical_ids",
    "cfn_lambda_layer_version",
    "cfn_sqs_queue",
    "cfn_lambda_function",
    "cfn_iam_role_managed_policies",
    "cfn_ecs_task_definition",
    "cfn_iam_inline_policies",
    # APIs moto lacks (or answers with HTTP 500).
    "logs_query_definitions",
    "events_target_delivery",
    "sfn_sdk_streaming_bodies",
    "sfn_execution_logs",
    "lambda_kafka_event_sources",
    "sns_data_protection",
    "iam_simulate_principal_policy",
    # Resource types moto has no CloudFormation model for.
    "cfn_sns_subscription",
    "cfn_sns_topic_policy",
    "cfn_sqs_queue_policy",
    "cfn_cloudwatch_alarm",
    "cfn_logs_query_definition",
    "cfn_events_connection",
    "cfn_events_api_destination",
    "cfn_apigateway_method",
    "cfn_apigateway_stage",
    "cfn_secretsmanager_secret",
    "cfn_s3_bucket_policy",
    "cfn_lambda_alias",
    "cfn_stack_set",
    # Template transforms: SAM expanded by aws-sam-translator before the engine parses a template.
    "cfn_sam_transform",
]
