"""ScheduleConfig.rate: a Duration and a datetime in, the API's rate expression and epoch milliseconds out."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from aws_cdk import Duration

from cdk_appintegrations import ScheduleConfig


@pytest.mark.parametrize(
    ("every", "expression"),
    [
        (Duration.minutes(1), "rate(1 minute)"),
        (Duration.minutes(15), "rate(15 minutes)"),
        (Duration.minutes(90), "rate(90 minutes)"),
        (Duration.hours(1), "rate(1 hour)"),
        (Duration.seconds(7200), "rate(2 hours)"),
        (Duration.hours(24), "rate(1 day)"),
        (Duration.days(7), "rate(7 days)"),
    ],
)
def test_rate_renders_the_largest_exact_unit(every: Duration, expression: str) -> None:
    assert ScheduleConfig.rate(every).schedule_expression == expression


@pytest.mark.parametrize(
    ("every", "shown"),
    [
        (Duration.seconds(30), "30 seconds"),
        (Duration.seconds(90), "1 minute 30 seconds"),
        (Duration.millis(60_500), "1 minute 500 millis"),
    ],
)
def test_a_rate_that_is_not_whole_minutes_is_refused_saying_which(every: Duration, shown: str) -> None:
    with pytest.raises(
        ValueError, match="schedule_config: a rate is a whole number of minutes, hours or days"
    ) as raised:
        ScheduleConfig.rate(every)
    assert shown in str(raised.value)


def test_first_execution_is_epoch_milliseconds_of_an_aware_datetime() -> None:
    schedule = ScheduleConfig.rate(
        Duration.hours(1),
        object="Account",
        first_execution_from=datetime(2023, 11, 15, 0, 13, 20, tzinfo=timezone(timedelta(hours=2))),
    )
    assert schedule.render() == {
        "ScheduleExpression": "rate(1 hour)",
        "Object": "Account",
        "FirstExecutionFrom": "1700000000000",
    }
    assert ScheduleConfig.rate(Duration.days(1), first_execution_from=datetime(1970, 1, 1, tzinfo=UTC)).render() == {
        "ScheduleExpression": "rate(1 day)",
        "FirstExecutionFrom": "0",
    }


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="first_execution_from: give a timezone-aware datetime"):
        ScheduleConfig.rate(Duration.hours(1), first_execution_from=datetime(2026, 1, 1))
