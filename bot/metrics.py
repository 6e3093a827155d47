"""The running bot's counters, in a registry of its own, for `/metrics` (Prometheus text).

One Metrics object per App: messages in (App.process) and out (Delivery) per channel,
the time the handlers take to answer, messages dropped by the flood control (and its
notices), webhook requests by status. Reminder counts are
read from the database when Prometheus scrapes, so every process reports the same truth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

# Answers from the index take milliseconds; a cold start or a big upload takes seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The counters of one running app (a registry per app: tests build many apps)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)  # memory, CPU, open files of this process
        self.messages_in = Counter(
            "danvan_messages_in",
            "Messages received from members, per channel",
            ["channel"],
            registry=self.registry,
        )
        self.messages_out = Counter(
            "danvan_messages_out",
            "Messages sent (each part of a long answer counts), per channel",
            ["channel"],
            registry=self.registry,
        )
        self.answer_seconds = Histogram(
            "danvan_answer_seconds",
            "Time the handlers took to answer one message, per channel",
            ["channel"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.flood_dropped = Counter(
            "danvan_flood_dropped",
            "Messages not answered because their chat sent too many in a minute, per channel",
            ["channel"],
            registry=self.registry,
        )
        self.flood_notices = Counter(
            "danvan_flood_notices",
            "Slow-down notices sent to chats over the flood limit, per channel",
            ["channel"],
            registry=self.registry,
        )
        self.webhook_requests = Counter(
            "danvan_webhook_requests",
            "Webhook requests, per channel and HTTP status",
            ["channel", "status"],
            registry=self.registry,
        )

    def count_reminders(self, read: Callable[[], Mapping[str, int]]) -> None:
        """Report reminder rows per status, read (from the database) at each scrape."""
        self.registry.register(_ReminderStates(read))

    def exposition(self) -> bytes:
        """Every metric in the Prometheus text format (may query the database)."""
        return generate_latest(self.registry)


class _ReminderStates(Collector):
    """danvan_reminders{state=...}: planned, claimed, sent, skipped, failed."""

    STATES = ("planned", "claimed", "sent", "skipped", "failed")

    def __init__(self, read: Callable[[], Mapping[str, int]]) -> None:
        self.read = read

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """One gauge, one sample per state (0 for a state with no rows)."""
        counts = self.read()
        family = GaugeMetricFamily(
            "danvan_reminders", "Reminder rows per state (pending = planned)", labels=["state"]
        )
        for state in sorted(set(self.STATES) | set(counts)):
            family.add_metric([state], counts.get(state, 0))
        yield family

    def describe(self) -> Iterator[GaugeMetricFamily]:
        """Registering must not query the database: describe without collecting."""
        yield GaugeMetricFamily("danvan_reminders", "Reminder rows per state", labels=["state"])
