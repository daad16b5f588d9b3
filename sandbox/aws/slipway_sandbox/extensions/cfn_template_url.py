"""TemplateURL pointing at the sandbox's own S3 endpoint.

moto gap: moto reads a path-style TemplateURL (``http://host/bucket/key``) only when the host is
``localhost``. The portal addresses the sandbox as ``http://127.0.0.1:4566``, so a TemplateURL such as
``http://127.0.0.1:4566/templates/child.yaml`` was read as bucket ``127`` and failed. This accepts
path-style URLs on any IP address or localhost, virtual-hosted and path-style amazonaws.com URLs,
and ``s3://bucket/key``, for CreateStack, UpdateStack, CreateChangeSet and nested stacks.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import unquote, urlparse

from moto.cloudformation import models as cfn_models
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation import utils as cfn_utils
from moto.cloudformation.exceptions import ValidationError


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def bucket_and_key(template_url: str) -> tuple[str, str]:
    parts = urlparse(template_url)
    host = (parts.hostname or "").lower()
    path = unquote(parts.path).lstrip("/")
    if parts.scheme == "s3":
        return host, path
    virtual_hosted = host.endswith(".amazonaws.com") and ".s3" in host and not host.startswith("s3")
    if virtual_hosted:
        return host.split(".s3", 1)[0], path
    if host == "localhost" or _is_ip(host) or host.endswith(".amazonaws.com") or "." not in host:
        bucket, _, key = path.partition("/")
        return bucket, key
    # Any other host: virtual-hosted style on a custom domain (bucket.example.test/key).
    return host.split(".", 1)[0], path


def get_stack_from_s3_url(template_url: str, account_id: str, partition: str) -> str:
    from moto.s3.models import s3_backends

    bucket, key = bucket_and_key(template_url)
    if not bucket or not key:
        raise ValidationError(message=f"TemplateURL must be an Amazon S3 URL: {template_url}")
    try:
        obj = s3_backends[account_id][partition].get_object(bucket, key)
    except Exception as exc:
        raise ValidationError(message=f"S3 error: cannot read {template_url} ({getattr(exc, 'code', exc)})")
    if obj is None:
        raise ValidationError(message=f"S3 error: cannot read {template_url} (NoSuchKey)")
    return obj.value.decode("utf-8")


def apply() -> None:
    # Every module that imported the function by name gets the new one.
    for module in (cfn_utils, cfn_responses, cfn_models):
        module.get_stack_from_s3_url = get_stack_from_s3_url  # type: ignore[attr-defined]
