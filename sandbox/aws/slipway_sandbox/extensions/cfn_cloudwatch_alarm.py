"""AWS::CloudWatch::Alarm as a real alarm in moto's CloudWatch backend.

moto gap: moto implements PutMetricAlarm but has no CloudFormation model for
AWS::CloudWatch::Alarm, so blueprints' alarms were skipped and DescribeAlarms showed nothing.
Here the alarm is put for real (metric alarms, metric-math alarms via ``Metrics``, actions,
dimensions, TreatMissingData, tags). Ref returns the alarm name, ``Fn::GetAtt Arn`` its ARN. A new
AlarmName replaces the alarm; other changes overwrite it in place, as PutMetricAlarm does.
"""

from __future__ import annotations

from typing import Any

from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat, cloudwatch_backends

from ..cfn_types import SandboxResource, as_bool, register_cfn_resource, require


def _metric_queries(metrics: list[dict[str, Any]] | None) -> list[MetricDataQuery] | None:
    """CloudFormation's Metrics list -> moto's MetricDataQuery objects (as moto's PutMetricAlarm handler builds them)."""
    if not metrics:
        return None
    queries = []
    for metric in metrics:
        stat = metric.get("MetricStat") or {}
        inner = stat.get("Metric") or {}
        metric_stat = None
        if inner.get("MetricName"):
            metric_stat = MetricStat(
                metric=Metric(
                    metric_name=inner["MetricName"],
                    namespace=inner.get("Namespace"),
                    dimensions=[Dimension(d.get("Name"), d.get("Value")) for d in inner.get("Dimensions") or []],
                ),
                period=stat.get("Period"),
                stat=stat.get("Stat"),
                unit=stat.get("Unit"),
            )
        queries.append(MetricDataQuery(
            query_id=metric.get("Id"), label=metric.get("Label"), period=metric.get("Period"),
            return_data=metric.get("ReturnData"), expression=metric.get("Expression"), metric_stat=metric_stat,
        ))
    return queries


def _number(value: Any, kind: type) -> Any:
    return None if value is None else kind(value)


class CloudWatchAlarm(SandboxResource):
    CFN_TYPE = "AWS::CloudWatch::Alarm"
    NAME_PROPERTY = "AlarmName"
    ATTRIBUTES = ("Arn",)

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "CloudWatchAlarm":
        require(properties, "ComparisonOperator", "EvaluationPeriods")
        alarm = cls._put(name[:255], properties, account_id, region_name)
        return cls(account_id, region_name, alarm.name, {"Arn": alarm.alarm_arn})

    @staticmethod
    def _put(name: str, properties: dict[str, Any], account_id: str, region_name: str) -> Any:
        backend = cloudwatch_backends[account_id][region_name]
        return backend.put_metric_alarm(
            name=name,
            namespace=properties.get("Namespace"),
            metric_name=properties.get("MetricName"),
            metric_data_queries=_metric_queries(properties.get("Metrics")),
            comparison_operator=properties["ComparisonOperator"],
            evaluation_periods=int(properties["EvaluationPeriods"]),
            datapoints_to_alarm=_number(properties.get("DatapointsToAlarm"), int),
            period=_number(properties.get("Period"), int),
            threshold=_number(properties.get("Threshold"), float),
            statistic=properties.get("Statistic"),
            extended_statistic=properties.get("ExtendedStatistic"),
            description=properties.get("AlarmDescription"),
            dimensions=list(properties.get("Dimensions") or []),
            alarm_actions=list(properties.get("AlarmActions") or []),
            ok_actions=list(properties.get("OKActions") or []),
            insufficient_data_actions=list(properties.get("InsufficientDataActions") or []),
            unit=properties.get("Unit"),
            actions_enabled=as_bool(properties.get("ActionsEnabled", True)),
            treat_missing_data=properties.get("TreatMissingData"),
            evaluate_low_sample_count_percentile=properties.get("EvaluateLowSampleCountPercentile"),
            threshold_metric_id=properties.get("ThresholdMetricId"),
            tags=list(properties.get("Tags") or []),
        )

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        if properties.get("AlarmName") and properties["AlarmName"] != self._physical_id:
            return False
        self._put(self._physical_id, properties, self.account_id, self.region_name)
        return True

    def destroy(self) -> None:
        cloudwatch_backends[self.account_id][self.region_name].delete_alarms([self._physical_id])


def apply() -> None:
    register_cfn_resource(CloudWatchAlarm)
